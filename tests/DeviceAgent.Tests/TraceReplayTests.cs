using EdgeControl.DeviceAgent.Hub;
using EdgeControl.DeviceAgent.Simulation;
using EdgeControl.Protocol;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>
/// <c>--replay-from T --replay-every P</c>: at T and every P after it the hosted users' requests start over from the start
/// of their trace, so A/B windows aligned with those instants see the same requests under the same network conditions.
/// </summary>
public sealed class TraceReplayTests
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1.5);

    [Fact]
    public void Replays_fall_at_the_first_instant_and_every_period_after_it()
    {
        var from = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
        var replay = new TraceReplay(from, TimeSpan.FromSeconds(30));

        Assert.Equal(from, replay.FirstAtOrAfter(from - TimeSpan.FromMinutes(5)));
        Assert.Equal(from, replay.FirstAtOrAfter(from));
        Assert.Equal(from.AddSeconds(30), replay.FirstAtOrAfter(from.AddSeconds(0.001)));
        Assert.Equal(from.AddSeconds(90), replay.FirstAtOrAfter(from.AddSeconds(61)));
    }

    [Fact]
    public async Task Every_window_between_replays_asks_the_same_requests_under_the_same_network_conditions()
    {
        var windows = await WindowsAsync(replay: true);

        Assert.True(SameStart(windows[0], windows[1], slack: 0), $"windows differ:\n{Show(windows[0])}\n{Show(windows[1])}");
    }

    [Fact]
    public async Task Without_a_replay_the_trace_runs_on_and_windows_differ()
    {
        var windows = await WindowsAsync(replay: false);

        Assert.False(SameStart(windows[0], windows[1], slack: 2), $"windows alike:\n{Show(windows[0])}");
    }

    /// <summary>
    /// Three busy users on a contract hub for two whole periods after the first replay instant: what each window asked,
    /// as (user, network condition, uplink). With a replay the windows are cut where the users' loop started over (it
    /// asks one request at a time, so every request before the cut has reached the hub when it logs the replay): exact
    /// however late a loaded machine runs the loop. Without one, by the instant the hub received each request.
    /// </summary>
    private static async Task<List<Asked>[]> WindowsAsync(bool replay)
    {
        var paper = PaperScenario.Load();
        var scenario = paper with { Users = [.. paper.Users.Take(3).Select(u => u with { ArrivalRatePerSecond = 12 })] };
        await using var server = await ContractDeviceHub.StartAsync();
        var from = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        using var replays = new ReplayCuts(() => server.Contexts.Count);
        var users = new SimulatedUsers(scenario, seed: 7, replay ? new TraceReplay(from, Every) : null, real: null, shaper: null, replays);
        await using var hub = new DeviceHubClient(server.Url, "k", users.ExecuteAsync, outbox: new MemoryOutcomeOutbox(0));
        using var stop = new CancellationTokenSource();
        hub.Start();
        var running = users.RunAsync(hub, stop.Token);
        await Task.Delay(from + (2 * Every) + TimeSpan.FromMilliseconds(200) - DateTimeOffset.UtcNow);
        // A loaded machine runs the loop late: wait (boundedly) for the replay that closes the second window.
        for (var waited = 0; replay && replays.Count < 3 && waited < 100; waited++)
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await running;

        var received = server.Contexts.ToList();
        var cuts = replay
            ? replays.Cuts
            : [.. Enumerable.Range(0, 3).Select(k => received.Count(r => r.At < from + (k * Every)))];
        Assert.True(cuts.Count >= 3, $"{cuts.Count} replays seen");
        return [.. Enumerable.Range(0, 2).Select(k => received
            .Take(cuts[k + 1]).Skip(cuts[k])
            .Select(r => new Asked(r.Context.User, r.Context.NetworkCondition, r.Context.UplinkMbps))
            .ToList())];
    }

    /// <summary>
    /// Whether two windows start with the same 25 requests, give or take the first <paramref name="slack"/> of either
    /// (three users at 12 requests per second: a window holds about 50).
    /// </summary>
    private static bool SameStart(List<Asked> a, List<Asked> b, int slack)
    {
        const int Compared = 25;
        Assert.True(a.Count >= Compared + slack && b.Count >= Compared + slack, $"windows of {a.Count} and {b.Count} requests");
        return Enumerable.Range(0, slack + 1).Any(i => Enumerable.Range(0, slack + 1).Any(j => a.Skip(i).Take(Compared).SequenceEqual(b.Skip(j).Take(Compared))));
    }

    private static string Show(List<Asked> window) => string.Join(", ", window.Take(30).Select(r => $"{r.User}/{r.Condition}"));

    private sealed record Asked(string? User, string? Condition, double? Uplink);

    /// <summary>The users' log: at each "replaying" line, how many requests the hub had received.</summary>
    private sealed class ReplayCuts(Func<int> received) : TextWriter
    {
        private readonly List<int> _cuts = [];

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public int Count
        {
            get
            {
                lock (_cuts)
                {
                    return _cuts.Count;
                }
            }
        }

        public List<int> Cuts
        {
            get
            {
                lock (_cuts)
                {
                    return [.. _cuts];
                }
            }
        }

        public override void WriteLine(string? value)
        {
            if (value?.StartsWith("replaying", StringComparison.Ordinal) == true)
            {
                lock (_cuts)
                {
                    _cuts.Add(received());
                }
            }
        }
    }
}
