using System.Diagnostics;
using System.Globalization;
using EdgeControl.DeviceAgent.Options;

namespace EdgeControl.DeviceAgent.Bench;

/// <summary>
/// The hub benchmark: N registered devices, one hub connection each, each sending requests at a steady rate; prints
/// how many stay connected, round trips per second, and the round trip (submit -> Execute received) percentiles.
/// </summary>
internal static class HubBenchmark
{
    private const int ParallelConnects = 32;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(AgentOptions options, TextWriter output, CancellationToken stop)
    {
        var count = options.BenchDevices!.Value;
        var scenario = options.Scenario!;
        var keys = await BenchDeviceKeys.GetAsync(options.Servers[0], options.Token, count, [.. scenario.Users.Select(u => u.Name)], options.KeysFile, output, stop);
        var latencies = new LatencyRecorder();
        // Devices reused from a keys file asked for decisions before: their request ids must not repeat.
        var run = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
        var devices = keys.Select((key, i) => new BenchDevice(scenario, i % scenario.Users.Count, key, run, output)).ToList();
        try
        {
            var connecting = Stopwatch.StartNew();
            await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = ParallelConnects, CancellationToken = stop },
                async (device, ct) =>
                {
                    try
                    {
                        await device.ConnectAsync(options.Servers, ct);
                    }
                    catch (DeviceAgentException error)
                    {
                        // Counted as not connected in the figures.
                        output.WriteLine(error.Message);
                    }
                });
            output.WriteLine(Invariant($"connected {devices.Count(d => d.Connected)} of {count} devices in {connecting.Elapsed.TotalSeconds:0.0} s; {options.Rate} requests/s each; warm-up {options.WarmUp.TotalSeconds:0} s, then {options.Duration.TotalSeconds:0} s measured"));

            using var running = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var schedule = RequestSchedule.RunAsync(devices, options.Rate, running.Token);
            // The warm-up is the same load in the same process: a second process for it would leave this one's JIT
            // cold, and a fresh runtime spends tens of seconds of CPU compiling and re-compiling its hot paths.
            var warmUpLatencies = new LatencyRecorder();
            devices.ForEach(d => d.Recording = warmUpLatencies);
            var warmUp = Stopwatch.StartNew();
            while (warmUp.Elapsed < options.WarmUp && !stop.IsCancellationRequested)
            {
                var left = options.WarmUp - warmUp.Elapsed;
                await Task.Delay(left < ProgressEvery ? left : ProgressEvery, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                output.WriteLine(Invariant($"{warmUp.Elapsed.TotalSeconds,5:0}s  warm-up (not measured)  connected {devices.Count(d => d.Connected)}  round trips {warmUpLatencies.Count}  ({warmUpLatencies.Count / warmUp.Elapsed.TotalSeconds:0}/s)  p99 {warmUpLatencies.Percentile(99):0.0} ms"));
            }

            stop.ThrowIfCancellationRequested();
            devices.ForEach(d => d.Recording = latencies);
            output.WriteLine(Invariant($"measuring {options.Duration.TotalSeconds:0} s"));
            var window = Stopwatch.StartNew();
            var clientCpu = Environment.CpuUsage.TotalTime;
            var clientPauses = ClientPauses.Now();
            while (window.Elapsed < options.Duration && !stop.IsCancellationRequested)
            {
                var left = options.Duration - window.Elapsed;
                await Task.Delay(left < ProgressEvery ? left : ProgressEvery, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                output.WriteLine(Invariant($"{window.Elapsed.TotalSeconds,5:0}s  connected {devices.Count(d => d.Connected)}  round trips {latencies.Count}  ({latencies.Count / window.Elapsed.TotalSeconds:0}/s)  p99 {latencies.Percentile(99):0.0} ms"));
            }

            devices.ForEach(d => d.Recording = null);
            output.WriteLine("measured window over");
            var seconds = window.Elapsed.TotalSeconds;
            // The client shares the machine with the control plane: what it burns is not the server's.
            var clientCores = (Environment.CpuUsage.TotalTime - clientCpu).TotalSeconds / seconds;
            var (collections, paused) = ClientPauses.Now() - clientPauses;
            var connected = devices.Count(d => d.Connected);
            if (options.Hold > TimeSpan.Zero)
            {
                output.WriteLine(Invariant($"holding the load {options.Hold.TotalSeconds:0} s (not measured)"));
                await Task.Delay(options.Hold, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await running.CancelAsync();
            await schedule;
            await Task.WhenAll(devices.Select(d => d.Sending));

            var drained = Stopwatch.StartNew();
            while (devices.Sum(d => d.Unacknowledged) > 0 && drained.Elapsed < DrainTimeout)
            {
                await Task.Delay(100, CancellationToken.None);
            }

            if (options.LatenciesFile is { } file)
            {
                await latencies.WriteToAsync(file, CancellationToken.None);
            }

            output.WriteLine();
            output.WriteLine("hub benchmark");
            output.WriteLine(Invariant($"  devices connected     {connected} of {count}"));
            output.WriteLine(Invariant($"  measured window       {seconds:0.0} s at {options.Rate} requests/s per device"));
            output.WriteLine(Invariant($"  round trips           {latencies.Count} ({latencies.Count / seconds:0.0}/s)"));
            output.WriteLine(Invariant($"  round trip p50        {latencies.Percentile(50):0.00} ms"));
            output.WriteLine(Invariant($"  round trip p95        {latencies.Percentile(95):0.00} ms"));
            output.WriteLine(Invariant($"  round trip p99        {latencies.Percentile(99):0.00} ms"));
            output.WriteLine(Invariant($"  round trip max        {latencies.Percentile(100):0.00} ms"));
            output.WriteLine(Invariant($"  refused requests      {devices.Sum(d => d.Errors)}"));
            output.WriteLine(Invariant($"  client CPU            {clientCores:0.00} cores during the window"));
            output.WriteLine(Invariant($"  client GC pauses      {collections} collections, {paused.TotalMilliseconds:0} ms paused during the window"));
            output.WriteLine(Invariant($"  outcomes acknowledged {devices.Sum(d => d.Acknowledged)} ({devices.Sum(d => d.Unacknowledged)} not acknowledged after {drained.Elapsed.TotalSeconds:0.0} s)"));
            return connected == count ? 0 : 1;
        }
        finally
        {
            await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = ParallelConnects }, async (device, _) => await device.DisposeAsync());
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
