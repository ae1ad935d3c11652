using System.Globalization;
using EdgeControl.Cli.Terminal;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>The human-readable report of <c>bench convergence</c>: one table per score loop, closed loop first.</summary>
internal static class ConvergenceTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <param name="interactive">Whether <paramref name="text"/> is a terminal: the tables are boxed there, plain text elsewhere.</param>
    public static void Write(TextWriter text, ConvergenceReport report, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(report);
        var closed = ClosedLoopOptions.Default;
        text.WriteLine(string.Create(C,
            $"Convergence on '{report.Scenario}': real interactions until the greedy policy holds the score (medians over {report.Seeds} seed{(report.Seeds == 1 ? "" : "s")}, at most {report.MaxInteractions:N0}; '>' = some seed never held it)"));
        text.WriteLine("regret and missed (requests that missed their SLO or accuracy) are counted up to each seed's own convergence to 0.95 in that loop.");
        text.WriteLine();
        text.WriteLine(string.Create(C,
            $"Closed loop (the headline): the greedy policy decides {closed.Seeds} x {closed.RequestsPerSeed:N0} requests (after {closed.WarmUpRequests:N0} warm-up) of its own trajectories on the twin, so the queues it builds count."));
        Table(report, ScoreLoop.Closed).Write(text, interactive);
        text.WriteLine();
        text.WriteLine("Open loop: each greedy action scored alone on the scenario's fixed evaluation set, blind to the contention a policy creates.");
        Table(report, ScoreLoop.Open).Write(text, interactive);
        text.WriteLine();
        var best = report.BestNonLearning;
        text.WriteLine(string.Create(C,
            $"best non-learning policy (judged closed loop): {best.Name}, closed-loop score {best.ClosedLoop:0.000} (standard error {best.ClosedLoopStandardError:0.000}), open-loop {best.OpenLoop:0.000}"));
        text.WriteLine("non-learning policies, closed / open loop: " + string.Join(", ",
            report.NonLearning.Select(p => string.Create(C, $"{p.Name} {p.ClosedLoop:0.000} / {p.OpenLoop:0.000}"))));
        foreach (var s in report.Speedups)
        {
            var ratio = s.Ratio is { } r ? string.Create(C, $"{(s.LowerBound ? ">" : "")}{r:0.0}x") : "n/a (hl held 0.95 from the start)";
            var notes = (s.LowerBound ? $"; some {s.Baseline} seeds never converged" : "") + (s.HybridConverged ? "" : "; some hl seeds never converged, so this is no bound");
            text.WriteLine($"speedup hl vs {s.Baseline}, {Name(s.Loop)}: {ratio} fewer real interactions to 0.95{notes}");
        }

        foreach (var cost in report.Costs)
        {
            text.WriteLine($"cost of learning, {cost.Baseline} / hl, {Name(cost.Loop)} (up to each one's convergence): regret {Ratio(cost.RegretRatio)}, missed requirements {Ratio(cost.ViolationsRatio)}");
        }
    }

    private static ResultTable Table(ConvergenceReport report, ScoreLoop loop)
    {
        var closed = loop == ScoreLoop.Closed;
        // Setting and training time belong to the agent, not to a loop: the first table has them.
        string[] headers = closed
            ? ["agent", "setting", "closed-loop to 0.95", "min-max", "to 0.90", "to 0.98", "final score", "regret", "missed", "converged", "wall s"]
            : ["agent", "open-loop to 0.95", "min-max", "to 0.90", "to 0.98", "final score", "regret", "missed", "converged"];
        var table = new ResultTable(headers) { FirstNumericColumn = closed ? 2 : 1 };
        foreach (var a in report.Agents)
        {
            var s = a.Of(loop);
            string[] figures =
            [
                s.To95.MedianText,
                s.To95.RangeText,
                s.To90.MedianText,
                s.To98.MedianText,
                s.FinalScore.ToString("0.000", C),
                s.CumulativeRegret.ToString("#,0.0", C),
                s.Violations.ToString("#,0", C),
                string.Create(C, $"{s.To95.Converged}/{s.To95.Seeds}"),
            ];
            table.Add(closed ? [a.Agent, a.Setting, .. figures, a.WallSeconds.ToString("0.0", C)] : [a.Agent, .. figures]);
        }

        return table;
    }

    private static string Name(ScoreLoop loop) => loop == ScoreLoop.Closed ? "closed loop" : "open loop";

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.0", C) + "x" : "n/a (hl had none)";
}
