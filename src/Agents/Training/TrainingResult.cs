using EdgeControl.Core.Evaluation;

namespace EdgeControl.Agents.Training;

/// <summary>A learner's learning curve over real interactions.</summary>
public sealed record TrainingResult(string Learner, IReadOnlyList<CurvePoint> Curve, double WallSeconds)
{
    public double FinalScore(ScoreLoop loop) => Curve.Count > 0 ? Curve[^1].ScoreOf(loop) : double.NaN;

    public long? InteractionsTo(double threshold, ScoreLoop loop) => Convergence.InteractionsTo(Curve, threshold, loop);

    /// <summary>The curve point at <paramref name="interactions"/> (or the last one before it).</summary>
    public CurvePoint At(long interactions) => Curve.LastOrDefault(p => p.RealInteractions <= interactions) ?? Curve[0];
}
