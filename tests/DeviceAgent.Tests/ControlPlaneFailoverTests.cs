using EdgeControl.DeviceAgent.Hub;
using EdgeControl.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>
/// A device given several instances of one control plane (<c>--server A,B</c>): devices spread over them by name, a
/// device moves on when its instance is gone, asks again there what it had asked, and keeps every measured outcome
/// across the move. The instances are real Kestrel hubs on loopback (<see cref="ContractDeviceHub"/>), one of them
/// taken away with its connections cut as a kill would.
/// </summary>
public sealed class ControlPlaneFailoverTests
{
    private static readonly DeviceHubClientOptions Quick = new()
    {
        FirstRetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryDelay = TimeSpan.FromMilliseconds(400),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        FailoverAfter = TimeSpan.FromSeconds(1),
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public void Devices_spread_evenly_over_the_instances_by_their_name_and_a_device_always_starts_at_the_same_one()
    {
        Uri[] instances = [new("http://a:1"), new("http://b:2"), new("http://c:3")];

        var first = Enumerable.Range(0, 3000).Select(i => new ControlPlanes(instances, $"device-{i}").Current).ToList();

        Assert.All(instances, instance => Assert.InRange(first.Count(u => u == instance), 900, 1100));
        Assert.Equal(first[42], new ControlPlanes(instances, "device-42").Current);
        Assert.Equal(instances[1], new ControlPlanes([instances[1]], "device-42").Current);
    }

    [Fact]
    public void After_the_last_instance_the_device_tries_the_first_again()
    {
        Uri[] instances = [new("http://a:1"), new("http://b:2")];
        var planes = new ControlPlanes(instances, "pi-7");
        var start = planes.Current;

        var next = planes.MoveNext();

        Assert.NotEqual(start, next);
        Assert.Equal(start, planes.MoveNext());
    }

    [Fact]
    public async Task A_device_whose_instance_is_killed_moves_to_the_other_and_every_outcome_it_measured_reaches_it()
    {
        var a = await ContractDeviceHub.StartAsync();
        await using var b = await ContractDeviceHub.StartAsync();
        var (aUrl, bUrl) = (a.Url, b.Url);
        var name = NameStartingAt(0, aUrl, bUrl);
        var log = new StringWriter();
        await using var hub = new DeviceHubClient(new ControlPlanes([aUrl, bUrl], name), "k", _ => Task.CompletedTask, Quick, TextWriter.Synchronized(log));
        using var connecting = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await hub.StartAsync(connecting.Token);
        Assert.Equal(aUrl, hub.Server);
        hub.Report(Outcome("before"));
        await Until(() => hub.Outcomes.Count == 0, "the first outcome acknowledged by the first instance");

        await a.DisposeAsync();
        var measuredWhileMoving = hub.Report(Outcome("while-moving"));
        await Until(() => hub.State == HubConnectionState.Connected && hub.Server == bUrl, "connected to the second instance");
        var measuredThere = hub.Report(Outcome("after"));
        await Until(() => hub.Outcomes.Count == 0, "every outcome acknowledged by the second instance");

        Assert.Equal(new[] { "before" }, a.Outcomes.Select(o => o.RequestId).Distinct().ToArray());
        Assert.Equal(new[] { measuredWhileMoving.Sequence, measuredThere.Sequence }, b.Outcomes.Select(o => o.Sequence).Distinct().Order().ToArray());
        Assert.Equal(3, hub.Outcomes.Counters.Measured);
        Assert.Equal(3, hub.Outcomes.Counters.Acknowledged);
        Assert.Contains(Lines(log), l => l.StartsWith($"{aUrl} has not answered for", StringComparison.Ordinal) && l.Contains($"moving to {bUrl}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_asked_while_the_instance_is_gone_is_asked_again_on_the_next_and_answered_there()
    {
        var a = await ContractDeviceHub.StartAsync();
        await using var b = await ContractDeviceHub.StartAsync();
        var bUrl = b.Url;
        var aUrl = a.Url;
        var name = NameStartingAt(0, aUrl, bUrl);
        await using var hub = new DeviceHubClient(new ControlPlanes([aUrl, bUrl], name), "k", _ => Task.CompletedTask, Quick);
        using var connecting = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await hub.StartAsync(connecting.Token);
        await a.DisposeAsync();
        await Until(() => hub.State != HubConnectionState.Connected, "the loss of the first instance noticed");

        using var waiting = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var closed = await hub.ConnectedAsync(waiting.Token);
        await hub.SubmitAsync(new RequestContext("asked-during-the-move", "camera-1", 20, 5, 40, 0, "regular"), waiting.Token);

        Assert.False(closed.IsCompleted);
        Assert.Equal(bUrl, hub.Server);
        Assert.Equal(new[] { "asked-during-the-move" }, b.Requests.ToArray());
    }

    [Fact]
    public async Task With_one_instance_a_device_never_gives_up_on_it()
    {
        var a = await ContractDeviceHub.StartAsync();
        var aUrl = a.Url;
        await using var hub = new DeviceHubClient(aUrl, "k", _ => Task.CompletedTask, Quick);
        using var connecting = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await hub.StartAsync(connecting.Token);

        await a.DisposeAsync();
        hub.Report(Outcome("while-down"));
        await Task.Delay(Quick.FailoverAfter * 3);
        await using var back = await ContractDeviceHub.StartAsync(aUrl.Port);
        await Until(() => hub.Outcomes.Count == 0, "the outcome acknowledged by the instance once it is back");

        Assert.Equal(aUrl, hub.Server);
        Assert.Equal(new[] { "while-down" }, back.Outcomes.Select(o => o.RequestId).Distinct().ToArray());
    }

    /// <summary>A device name whose hash picks instance <paramref name="index"/> of <paramref name="instances"/>.</summary>
    private static string NameStartingAt(int index, params Uri[] instances) =>
        Enumerable.Range(0, 1000).Select(i => $"pi-{i}").First(n => new ControlPlanes(instances, n).Current == instances[index]);

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within 20 s: {what}");
            await Task.Delay(50);
        }
    }

    private static string[] Lines(StringWriter log) => log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static MeasuredOutcome Outcome(string requestId) =>
        new(0, requestId, "camera-1", 3, "edge-1", "mobilenet_v1_0.5_160", 20, 0.1, 0.6, DateTimeOffset.UtcNow, "AAABlNWJ0pAQ8n1cUZ3eYTq9k2fW6xLp");
}
