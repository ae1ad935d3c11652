namespace EdgeControl.Agents.Training;

/// <summary>A learner's learning curve over real interactions.</summary>
public sealed record TrainingResult(string Learner, IReadOnlyList<CurvePoint> Curve, double WallSeconds)
{
    public double FinalScore => Curve.Count > 0 ? Curve[^1].Score : double.NaN;

    public long? InteractionsTo(double threshold) => Convergence.InteractionsTo(Curve, threshold);

    /// <summary>The curve point at <paramref name="interactions"/> (or the last one before it).</summary>
    public CurvePoint At(long interactions) => Curve.LastOrDefault(p => p.RealInteractions <= interactions) ?? Curve[0];
}
