using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using EdgeControl.Agents.Learning;
using EdgeControl.Cli.Terminal;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// <c>bench learn</c>'s measurement: a producer thread (<see cref="ExperienceProducer"/>) fills a bounded channel,
/// and one learner thread (the caller's) repeatedly takes everything waiting and hands it to the learner as one
/// batch, as the live loop does with a fleet's outcomes. The rate is experiences learned per second of the
/// learner's wall time; the greedy policy is scored once at the end, outside the timed part.
/// </summary>
internal static class LearnBenchmark
{
    /// <summary>Progress is reported ten times, at each tenth of the experiences.</summary>
    private const int Reports = 10;

    public static LearnResult Run(ILearner learner, PolicyEvaluation evaluation, ExperienceProducer producer, long experiences, int queue, ProgressDisplay progress)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(producer);
        ArgumentNullException.ThrowIfNull(progress);
        var channel = Channel.CreateBounded<Experience>(new BoundedChannelOptions(queue)
        {
            SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = new CancellationTokenSource();
        var producing = new Thread(() => producer.Run(channel.Writer, experiences, stop.Token)) { IsBackground = true, Name = "experience producer" };
        var waiting = new Experience[queue];
        long learned = 0, batches = 0;
        var largest = 0;
        var nextReport = 1;
        progress.Planned(Reports);
        progress.Running("learning from the experiences as they arrive");
        var clock = Stopwatch.StartNew();
        producing.Start();
        try
        {
            var reader = channel.Reader;
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                var count = 0;
                while (count < waiting.Length && reader.TryRead(out var experience))
                {
                    waiting[count++] = experience;
                }

                learner.Learn(waiting.AsSpan(0, count));
                learned += count;
                batches++;
                largest = Math.Max(largest, count);
                for (; nextReport <= Reports && learned >= experiences * nextReport / Reports; nextReport++)
                {
                    var seconds = clock.Elapsed.TotalSeconds;
                    progress.Completed(string.Create(CultureInfo.InvariantCulture,
                        $"{learned:N0} experiences learned: {learned / seconds:N0}/s, {batches:N0} batches of {(double)learned / batches:0.0} on average"), running: 0);
                }
            }
        }
        finally
        {
            stop.Cancel();
            producing.Join();
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        progress.Note("scoring the greedy policy (closed loop and open loop)");
        progress.Running("scoring the greedy policy");
        var scores = evaluation.Score(learner.ActGreedy);
        return new LearnResult(learned, elapsed, batches, largest, scores.ClosedLoop, scores.OpenLoop);
    }
}
