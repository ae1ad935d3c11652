using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeControl.DeviceAgent.Hub;
using EdgeControl.Protocol;

namespace EdgeControl.DeviceAgent.Offload;

/// <summary>
/// The device's measured round trip to its edge and cloud workers: <c>GET</c> <see cref="WorkerContract.PingPath"/>
/// every <see cref="Interval"/> to the last worker of each tier an Execute named, smoothed like TCP's SRTT (RFC 6298,
/// gain 1/8). The device reports it in its RequestContext instead of the twin's figure, so the decisions see the
/// testbed's real network. Until a tier's worker is known and has answered, <see cref="SmoothedMs"/> is null and the
/// twin's figure stands.
/// </summary>
internal sealed class RttProbe(HttpClient http, TextWriter log)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private const double Gain = 1.0 / 8.0;
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, string> _workerOf = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _smoothed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _warmed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ChangeLog> _faults = new(StringComparer.Ordinal);

    /// <summary>The worker at <paramref name="url"/> serves <paramref name="tier"/> (edge or cloud), as an Execute said.</summary>
    public void Learn(string tier, string url) => _workerOf[tier] = url;

    /// <summary>The smoothed round trip to <paramref name="tier"/>'s worker in milliseconds, or null before one was measured.</summary>
    public double? SmoothedMs(string tier) => _smoothed.TryGetValue(tier, out var ms) ? ms : null;

    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await ProbeOnceAsync(stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Pings every known worker once, one after the other (concurrent pings would queue behind each other on a shaped uplink).</summary>
    public async Task ProbeOnceAsync(CancellationToken stop)
    {
        foreach (var (tier, url) in _workerOf)
        {
            var sample = await PingAsync(url, stop);
            if (sample is not { } ms)
            {
                continue;
            }

            // The first ping to a worker opens the connection (a TCP handshake: one more round trip); later ones reuse it.
            if (_warmed.TryAdd(url, true))
            {
                continue;
            }

            _smoothed.AddOrUpdate(tier, ms, (_, srtt) => srtt + (Gain * (ms - srtt)));
        }
    }

    /// <summary>One log per worker, so two workers' states do not alternate in one log line after line.</summary>
    private ChangeLog Faults(string url) => _faults.GetOrAdd(url, _ => new ChangeLog(log));

    private async Task<double?> PingAsync(string url, CancellationToken stop)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(PingTimeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(WorkerAddress.Of(url, WorkerContract.PingPath), deadline.Token);
            var ms = clock.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                Faults(url).Note($"ping to {url}: HTTP {(int)response.StatusCode}; the last measured round trip stands");
                return null;
            }

            Faults(url).Note($"pings to {url} are answered");
            return ms;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception error) when (error is HttpRequestException or OperationCanceledException or UriFormatException)
        {
            Faults(url).Note($"ping to {url}: {(error is OperationCanceledException ? $"no answer within {PingTimeout.TotalSeconds:0} s" : HubFaults.Describe(error))}; the last measured round trip stands");
            return null;
        }
    }
}
