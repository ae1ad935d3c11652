using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>What one training run produced: the learning curve of an agent at one setting on one seed.</summary>
/// <param name="WallSeconds">Training time inside the child process (start-up excluded).</param>
internal sealed record SeedRun(string Agent, string Setting, long Seed, double WallSeconds, IReadOnlyList<CurvePoint> Curve)
{
    public double FinalScore(ScoreLoop loop) => Curve.Count > 0 ? Curve[^1].ScoreOf(loop) : double.NaN;

    public long? InteractionsTo(double threshold, ScoreLoop loop) => Convergence.InteractionsTo(Curve, threshold, loop);

    /// <summary>
    /// The curve point at which the run first held <paramref name="threshold"/> in <paramref name="loop"/>, or its last
    /// point when it never did: the cost of learning is counted up to there.
    /// </summary>
    public CurvePoint PointAtConvergence(double threshold, ScoreLoop loop) =>
        InteractionsTo(threshold, loop) is { } reached ? Curve.Last(p => p.RealInteractions <= reached) : Curve[^1];
}
