using System.Globalization;
using EdgeControl.Cli.Bench;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Plots;

/// <summary>What <see cref="LearningCurvePlot"/> draws: a title and one column per score, all on one x axis.</summary>
/// <param name="MaxInteractions">The experiment's cap: the x axis reaches at least this far.</param>
/// <param name="ShiftAt">Where the environment changed (<c>bench adaptation</c>), marked by a vertical line; null: it never did.</param>
internal sealed record LearningCurveFigure(string Title, string Subtitle, long MaxInteractions, IReadOnlyList<CurvePanel> Panels, long? ShiftAt = null)
{
    /// <summary>The figure of <c>bench convergence</c> with the given panels (e.g. closed loop, then open loop).</summary>
    public static LearningCurveFigure For(ConvergenceReport report, IReadOnlyList<CurvePanel> panels)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new LearningCurveFigure(
            $"Learning curves on '{report.Scenario}'",
            string.Create(CultureInfo.InvariantCulture,
                $"normalised score of the greedy policy (random 0, oracle 1); line: median of {report.Seeds} seed{(report.Seeds == 1 ? "" : "s")}, band: min-max"),
            report.MaxInteractions,
            panels);
    }

    /// <summary>
    /// The picture of both scores, closed loop then open loop; of the open loop's alone for runs scored only open loop
    /// (experiments from before closed-loop scores, read back by <c>bench plot</c>).
    /// </summary>
    public static LearningCurveFigure From(ConvergenceReport report, IReadOnlyList<AgentRuns> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var closedLoopScored = runs.SelectMany(a => a.Runs).SelectMany(r => r.Curve).Any(p => double.IsFinite(p.ClosedLoopScore));
        var open = CurvePanel.From("open loop", ScoreLoop.Open, report, runs);
        return For(report, closedLoopScored ? [CurvePanel.From("closed loop", ScoreLoop.Closed, report, runs), open] : [open]);
    }
}
