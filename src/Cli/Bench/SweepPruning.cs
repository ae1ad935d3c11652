using EdgeControl.Agents.Training;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// The sweep ranks settings by interactions to hold 0.95 closed loop (<see cref="SweepEntry.Ranked"/>), so once one setting held it from X, a
/// running setting that can no longer hold it from X or earlier has lost whatever it does next,
/// and is stopped. The winner is the same as without pruning; only the losers' figures are cut short.
/// </summary>
internal static class SweepPruning
{
    /// <returns>True when no evaluation at or before <paramref name="bound"/> can still start a hold of <paramref name="threshold"/>.</returns>
    public static bool CannotHoldBy(IReadOnlyList<ProgressPoint> points, long bound, double threshold)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0 || points[^1].Interactions <= bound)
        {
            return false; // evaluations at or before the bound may still come
        }

        for (var i = 0; i < points.Count && points[i].Interactions <= bound; i++)
        {
            var held = true;
            for (var k = i; k < points.Count && k <= i + Convergence.HoldFor && held; k++)
            {
                held = points[k].ScoreOf(SweepEntry.Ranked) >= threshold;
            }

            if (held)
            {
                return false;
            }
        }

        return true;
    }
}
