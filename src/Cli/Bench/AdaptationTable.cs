using System.Globalization;
using EdgeControl.Cli.Terminal;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>The human-readable report of <c>bench adaptation</c>: one table per score loop, closed loop first.</summary>
internal static class AdaptationTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <param name="interactive">Whether <paramref name="text"/> is a terminal: the tables are boxed there, plain text elsewhere.</param>
    public static void Write(TextWriter text, AdaptationReport report, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(report);
        text.WriteLine(string.Create(C,
            $"Adaptation on '{report.Scenario}' to '{report.Shift}' after {report.At:N0} real interactions: real interactions after the shift until the greedy policy holds 0.95 of the new oracle again (medians over {report.Seeds} seed{(report.Seeds == 1 ? "" : "s")}, at most {report.RecoverWithin:N0}; '>' = some seed never recovered)"));
        text.WriteLine("before: score at the last evaluation before the shift (old environment); at shift: the same policy in the new environment; regret and missed are counted from the shift to each seed's own recovery in that loop.");
        text.WriteLine();
        text.WriteLine("Closed loop (the headline):");
        Table(report, ScoreLoop.Closed).Write(text, interactive);
        text.WriteLine();
        text.WriteLine("Open loop:");
        Table(report, ScoreLoop.Open).Write(text, interactive);
        text.WriteLine();
        text.WriteLine("non-learning policies after the shift, closed / open loop: " + string.Join(", ",
            report.NonLearningAfter.Select(p => string.Create(C, $"{p.Name} {p.ClosedLoop:0.000} / {p.OpenLoop:0.000}"))));
    }

    private static ResultTable Table(AdaptationReport report, ScoreLoop loop)
    {
        var closed = loop == ScoreLoop.Closed;
        string[] headers = closed
            ? ["agent", "setting", "before", "at shift", "recovered in", "min-max", "recovered", "regret", "missed", "final score", "wall s"]
            : ["agent", "before", "at shift", "recovered in", "min-max", "recovered", "regret", "missed", "final score"];
        var table = new ResultTable(headers) { FirstNumericColumn = closed ? 2 : 1 };
        foreach (var a in report.Agents)
        {
            var s = a.Of(loop);
            string[] figures =
            [
                s.ScoreBefore.ToString("0.000", C),
                s.ScoreAtShift.ToString("0.000", C),
                s.Recovery.MedianText,
                s.Recovery.RangeText,
                string.Create(C, $"{s.Recovery.Converged}/{s.Recovery.Seeds}"),
                s.Regret.ToString("#,0.0", C),
                s.Missed.ToString("#,0", C),
                s.FinalScore.ToString("0.000", C),
            ];
            table.Add(closed ? [a.Agent, a.Setting, .. figures, a.WallSeconds.ToString("0.0", C)] : [a.Agent, .. figures]);
        }

        return table;
    }
}
