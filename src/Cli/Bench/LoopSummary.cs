using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>One agent's figures in one score loop: medians over its seeds.</summary>
/// <param name="CumulativeRegret">Median over seeds of the regret summed up to the seed's own convergence in this loop (or its end).</param>
/// <param name="Violations">Median over seeds of the real requests that missed a requirement, counted the same way.</param>
internal sealed record LoopSummary(
    InteractionStats To95,
    InteractionStats To90,
    InteractionStats To98,
    double FinalScore,
    double CumulativeRegret,
    double Violations)
{
    public static LoopSummary From(IReadOnlyList<SeedRun> runs, ScoreLoop loop, long maxInteractions)
    {
        ArgumentNullException.ThrowIfNull(runs);
        InteractionStats To(double threshold) => InteractionStats.From(runs.Select(r => r.InteractionsTo(threshold, loop)).ToList(), maxInteractions);
        var atConvergence = runs.Select(r => r.PointAtConvergence(ConvergenceReport.Threshold, loop)).ToList();
        return new LoopSummary(
            To(ConvergenceReport.Threshold),
            To(0.90),
            To(0.98),
            Statistics.Median(runs.Select(r => r.FinalScore(loop))),
            Statistics.Median(atConvergence.Select(p => p.CumulativeRegret)),
            Statistics.Median(atConvergence.Select(p => (double)p.Violations)));
    }
}
