using EdgeControl.Cli.Bench;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Plots;

/// <summary>
/// The curves of one score (closed loop or open loop), drawn as a column of the figure: the whole score range above,
/// the zoom on the thresholds below.
/// </summary>
internal sealed record CurvePanel(string Title, IReadOnlyList<CurveSeries> Series, string BestNonLearning, double BestNonLearningScore)
{
    /// <summary>A panel of one score of the runs, with the report's markers and bar for that score.</summary>
    public static CurvePanel From(string title, ScoreLoop loop, ConvergenceReport report, IReadOnlyList<AgentRuns> runs)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(runs);
        var summaries = report.Agents.ToDictionary(a => a.Agent, StringComparer.Ordinal);
        var series = runs.Select(r => new CurveSeries(
                r.Agent,
                r.Setting,
                BandPoint.Over(r.Runs, loop).Where(p => p.Interactions > 0).ToList(),
                summaries.TryGetValue(r.Agent, out var s) && !s.Of(loop).To95.MedianIsLowerBound ? s.Of(loop).To95.Median : null))
            .ToList();
        return new CurvePanel(title, series, report.BestNonLearning.Name, report.BestNonLearning.ScoreOf(loop));
    }
}
