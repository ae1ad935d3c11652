using EdgeControl.Core.Evaluation;

namespace EdgeControl.Agents.Training;

/// <summary>
/// When a learning curve reaches a score and keeps it: the first evaluation at or above the
/// threshold that is followed by <see cref="HoldFor"/> more evaluations at or above it.
/// </summary>
public static class Convergence
{
    public const int HoldFor = 3;

    /// <returns>Real interactions at that evaluation, or null if the curve never holds the threshold.</returns>
    public static long? InteractionsTo(IReadOnlyList<CurvePoint> curve, double threshold, ScoreLoop loop)
    {
        ArgumentNullException.ThrowIfNull(curve);
        for (var i = 0; i + HoldFor < curve.Count; i++)
        {
            var held = true;
            for (var k = i; k <= i + HoldFor && held; k++)
            {
                held = curve[k].ScoreOf(loop) >= threshold;
            }

            if (held)
            {
                return curve[i].RealInteractions;
            }
        }

        return null;
    }
}
