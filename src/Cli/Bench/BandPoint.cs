using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>The score of several seeds at one number of real interactions: median and range.</summary>
internal sealed record BandPoint(long Interactions, double Median, double Min, double Max)
{
    /// <summary>
    /// One point per evaluation of any seed; a seed's score between its own evaluations is its
    /// latest one (seeds of one agent are evaluated at the same steps, so this rarely matters).
    /// </summary>
    public static IReadOnlyList<BandPoint> Over(IReadOnlyList<SeedRun> runs, ScoreLoop loop)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.SelectMany(r => r.Curve.Select(p => p.RealInteractions)).Distinct().Order()
            .Select(x =>
            {
                var scores = runs
                    .Select(r => r.Curve.LastOrDefault(p => p.RealInteractions <= x))
                    .OfType<CurvePoint>()
                    .Select(p => p.ScoreOf(loop))
                    .ToList();
                return new BandPoint(x, Statistics.Median(scores), scores.Min(), scores.Max());
            })
            .ToList();
    }
}
