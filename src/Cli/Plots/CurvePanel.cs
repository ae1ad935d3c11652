using EdgeControl.Cli.Bench;

namespace EdgeControl.Cli.Plots;

/// <summary>
/// The curves of one score (closed loop or open loop), drawn as a column of the figure: the whole score range above,
/// the zoom on the thresholds below.
/// </summary>
internal sealed record CurvePanel(string Title, IReadOnlyList<CurveSeries> Series, NamedScore BestNonLearning)
{
    /// <summary>A panel of the score <see cref="BandPoint.Over"/> reads from the runs, with the report's markers and bar.</summary>
    public static CurvePanel From(string title, ConvergenceReport report, IReadOnlyList<AgentRuns> runs)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(runs);
        var summaries = report.Agents.ToDictionary(a => a.Agent, StringComparer.Ordinal);
        var series = runs.Select(r => new CurveSeries(
                r.Agent,
                r.Setting,
                BandPoint.Over(r.Runs).Where(p => p.Interactions > 0).ToList(),
                summaries.TryGetValue(r.Agent, out var s) && !s.To95.MedianIsLowerBound ? s.To95.Median : null))
            .ToList();
        return new CurvePanel(title, series, report.BestNonLearning);
    }
}
