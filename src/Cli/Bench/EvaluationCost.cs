using System.Diagnostics;
using EdgeControl.Agents.Learning;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// What one evaluation of a learner's greedy policy costs during training (medians of a few repetitions): the closed-loop
/// rollout (one batched decision per step across the seeds) and the open-loop set (one batched call).
/// </summary>
internal sealed record EvaluationCost(double ClosedLoopMilliseconds, double OpenLoopMilliseconds, int ClosedLoopDecisions, int OpenLoopDecisions)
{
    public static EvaluationCost Measure(ILearner learner, PolicyEvaluation evaluation, int repetitions)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        var sink = evaluation.Score(learner.ActGreedy).ClosedLoop; // warm-up: JIT, native library, caches
        var closed = new double[repetitions];
        var open = new double[repetitions];
        for (var i = 0; i < repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            sink += evaluation.ClosedLoop.Evaluate(learner.ActGreedy).Score;
            closed[i] = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            sink += evaluation.OpenLoop.MeanReward(learner.ActGreedy(evaluation.OpenLoop.Requests));
            open[i] = clock.Elapsed.TotalMilliseconds;
        }

        GC.KeepAlive(sink);
        var options = evaluation.ClosedLoop.Options;
        return new EvaluationCost(Statistics.Median(closed), Statistics.Median(open),
            options.Seeds * (options.WarmUpRequests + options.RequestsPerSeed), evaluation.OpenLoop.Requests.Count);
    }
}
