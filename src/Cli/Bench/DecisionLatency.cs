using System.Diagnostics;
using EdgeControl.Agents.Learning;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Cli.Bench;

/// <summary>How long a learner takes to pick the greedy action: one request at a time, and in batches.</summary>
internal sealed record DecisionLatency(double P50Microseconds, double P99Microseconds, double MeanMicroseconds, double BatchedDecisionsPerSecond)
{
    private static readonly TimeSpan MinimumBatchedTime = TimeSpan.FromSeconds(1);

    public static DecisionLatency Measure(ILearner learner, IReadOnlyList<Observation> requests, int decisions)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(requests);
        var sink = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            sink += learner.Act(requests[i], explore: false); // warm-up: JIT, native library, caches
        }

        var ticks = new long[decisions];
        for (var i = 0; i < decisions; i++)
        {
            var start = Stopwatch.GetTimestamp();
            sink += learner.Act(requests[i % requests.Count], explore: false);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        Array.Sort(ticks);
        double Microseconds(long t) => t * 1e6 / Stopwatch.Frequency;

        sink += learner.ActGreedy(requests)[0]; // warm-up of the batched path
        var batches = 0;
        var clock = Stopwatch.StartNew();
        while (batches < 3 || clock.Elapsed < MinimumBatchedTime)
        {
            sink += learner.ActGreedy(requests)[0];
            batches++;
        }

        GC.KeepAlive(sink);
        return new DecisionLatency(
            Microseconds(ticks[(int)((decisions - 1) * 0.50)]),
            Microseconds(ticks[(int)((decisions - 1) * 0.99)]),
            ticks.Average(Microseconds),
            batches * (double)requests.Count / clock.Elapsed.TotalSeconds);
    }
}
