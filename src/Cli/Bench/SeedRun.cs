using EdgeControl.Core.Evaluation;
using EdgeControl.Agents.Training;

namespace EdgeControl.Cli.Bench;

/// <summary>What one training run produced: the learning curve of an agent at one setting on one seed.</summary>
/// <param name="WallSeconds">Training time inside the child process (start-up excluded).</param>
internal sealed record SeedRun(string Agent, string Setting, long Seed, double WallSeconds, IReadOnlyList<CurvePoint> Curve)
{
    public double FinalScore => Curve.Count > 0 ? Curve[^1].Score : double.NaN;

    public long? InteractionsTo(double threshold) => Convergence.InteractionsTo(Curve, threshold, ScoreLoop.Open);

    /// <summary>
    /// The curve point at which the run first held <paramref name="threshold"/>, or its last point
    /// when it never did: the cost of learning is counted up to there.
    /// </summary>
    public CurvePoint PointAtConvergence(double threshold) =>
        InteractionsTo(threshold) is { } reached ? Curve.Last(p => p.RealInteractions <= reached) : Curve[^1];
}
