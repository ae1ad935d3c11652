using System.Diagnostics;
using System.Globalization;
using EdgeControl.DeviceAgent.Hub;
using EdgeControl.DeviceAgent.Options;
using EdgeControl.Protocol;

namespace EdgeControl.DeviceAgent.Bench;

/// <summary>
/// <c>--bench-outbox N</c>: what the durable outbox costs per outcome on this disk. Writes N outcomes one transaction
/// each (as the agent does: on disk before it is sent), then reads them in report-sized batches and acknowledges each
/// batch, once with synchronous=NORMAL (what the agent uses) and once with FULL (an fsync per commit), each in a fresh
/// throw-away directory under <c>--data</c> (default: the system's temporary directory).
/// </summary>
internal static class OutboxBenchmark
{
    public static int Run(AgentOptions options, TextWriter output)
    {
        var count = options.BenchOutbox!.Value;
        output.WriteLine(Invariant($"outbox benchmark: {count} outcomes, one transaction each, then read and acknowledged {DeviceHubContract.MaxOutcomesPerReport} at a time"));
        foreach (var full in new[] { false, true })
        {
            var directory = Path.Combine(options.DataDirectory!, $"edgecontrol-outbox-bench-{Guid.NewGuid():N}");
            Directory.CreateDirectory(directory);
            try
            {
                var (add, settle) = Measure(directory, count, full);
                output.WriteLine(Invariant($"  synchronous={(full ? "FULL  " : "NORMAL")}  add {add.TotalMicroseconds / count,8:0.0} us/outcome  ({count / add.TotalSeconds,8:0}/s)   read+acknowledge {settle.TotalMicroseconds / count,6:0.0} us/outcome"));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        return 0;
    }

    private static (TimeSpan Add, TimeSpan Settle) Measure(string directory, int count, bool full)
    {
        using var outbox = OutcomeOutbox.Open(directory, 0, full);
        // A ticket as long as the control plane's (32 characters), so each row costs what a real one does.
        var outcome = new MeasuredOutcome(0, "bench-request-000000", "camera-1", 17, "edge-1", "mobilenet_v1_0.5_160", 23.5, 0.08, 0.639, DateTimeOffset.UtcNow, "AAABlNWJ0pAQ8n1cUZ3eYTq9k2fW6xLp");
        var adding = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            outbox.Add(outcome);
        }

        adding.Stop();
        var settling = Stopwatch.StartNew();
        for (var batch = outbox.After(0, DeviceHubContract.MaxOutcomesPerReport); batch.Count > 0; batch = outbox.After(0, DeviceHubContract.MaxOutcomesPerReport))
        {
            outbox.AcknowledgeUpTo(batch[^1].Sequence);
        }

        return (adding.Elapsed, settling.Elapsed);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
