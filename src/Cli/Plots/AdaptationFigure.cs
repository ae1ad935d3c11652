using System.Globalization;
using EdgeControl.Cli.Bench;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Plots;

/// <summary>
/// The learning-curve picture of <c>bench adaptation</c>: the same figure as <c>bench convergence</c> draws, with a line at
/// the shift, each agent's median recovery marked, and the best non-learning policy of the changed environment.
/// </summary>
internal static class AdaptationFigure
{
    public static LearningCurveFigure From(AdaptationReport report, IReadOnlyList<AgentRuns> runs)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(runs);
        var best = NonLearningBaseline.Best(report.NonLearningAfter);
        var summaries = report.Agents.ToDictionary(a => a.Agent, StringComparer.Ordinal);
        CurvePanel Panel(string title, ScoreLoop loop) => new(
            title,
            runs.Select(r => new CurveSeries(
                    r.Agent,
                    r.Setting,
                    BandPoint.Over(r.Runs, loop).Where(p => p.Interactions > 0).ToList(),
                    summaries[r.Agent].Of(loop).Recovery is { MedianIsLowerBound: false } recovery ? report.At + recovery.Median : null))
                .ToList(),
            best.Name + " after the shift",
            best.ScoreOf(loop));
        return new LearningCurveFigure(
            $"Adaptation on '{report.Scenario}' to '{report.Shift}' after {report.At.ToString("N0", CultureInfo.InvariantCulture)} real interactions",
            string.Create(CultureInfo.InvariantCulture,
                $"normalised score (random 0, oracle 1; from the shift on, of the changed environment); line: median of {report.Seeds} seed{(report.Seeds == 1 ? "" : "s")}, band: min-max; dot: median recovery"),
            report.At + report.RecoverWithin,
            [Panel("closed loop", ScoreLoop.Closed), Panel("open loop", ScoreLoop.Open)],
            report.At);
    }
}
