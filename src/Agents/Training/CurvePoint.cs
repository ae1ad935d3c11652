using EdgeControl.Core.Evaluation;

namespace EdgeControl.Agents.Training;

/// <summary>One evaluation of the greedy policy during training.</summary>
/// <param name="Score">Open-loop normalised score of the greedy policy on the fixed evaluation set (random 0, oracle 1).</param>
/// <param name="CumulativeRegret">Sum over the real interactions so far of the oracle's expected reward minus the chosen action's.</param>
/// <param name="Violations">Real requests so far that missed their latency SLO or their accuracy requirement.</param>
/// <param name="ModelLoss">The learner's latest training loss (the environment model's for the hybrid agent), NaN when it has none.</param>
/// <param name="ClosedLoopScore">Closed-loop normalised score of the greedy policy on its own trajectories of the twin; NaN where it was not measured (curves recorded before it existed).</param>
public sealed record CurvePoint(
    long RealInteractions,
    double Score,
    double WallSeconds,
    double CumulativeRegret,
    long Violations,
    double ModelLoss,
    double ClosedLoopScore)
{
    /// <summary>The score of <paramref name="loop"/>.</summary>
    public double ScoreOf(ScoreLoop loop) => loop == ScoreLoop.Closed ? ClosedLoopScore : Score;
}
