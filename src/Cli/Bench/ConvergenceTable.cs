using System.Globalization;
using System.Text;

namespace EdgeControl.Cli.Bench;

/// <summary>The human-readable report of <c>bench convergence</c>.</summary>
internal static class ConvergenceTable
{
    public static string Format(ConvergenceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var table = new ConsoleTable("agent", "setting", "to 0.95 median", "min-max", "to 0.90", "to 0.98", "final score", "regret", "missed", "wall s", "converged")
        {
            FirstNumericColumn = 2,
        };
        foreach (var a in report.Agents)
        {
            table.Add(
                a.Agent,
                a.Setting,
                Interactions(a.To95.Median, a.To95.MedianIsLowerBound),
                Range(a.To95),
                Interactions(a.To90.Median, a.To90.MedianIsLowerBound),
                Interactions(a.To98.Median, a.To98.MedianIsLowerBound),
                a.FinalScore.ToString("0.000", c),
                a.CumulativeRegret.ToString("#,0.0", c),
                a.Violations.ToString("#,0", c),
                a.WallSeconds.ToString("0.0", c),
                string.Create(c, $"{a.To95.Converged}/{a.To95.Seeds}"));
        }

        var text = new StringBuilder();
        text.AppendLine(string.Create(c,
            $"Convergence on '{report.Scenario}': real interactions until the greedy policy holds the score (medians over {report.Seeds} seed{(report.Seeds == 1 ? "" : "s")}, at most {report.MaxInteractions:N0}; '>' = some seed never held it)"));
        text.AppendLine("regret and missed (requests that missed their SLO or accuracy) are counted up to each seed's own convergence to 0.95.");
        text.AppendLine();
        text.Append(table);
        text.AppendLine();
        text.AppendLine(string.Create(c, $"best non-learning policy: {report.BestNonLearning.Name}, score {report.BestNonLearning.Score:0.000}"));
        foreach (var s in report.Speedups)
        {
            var ratio = s.Ratio is { } r ? string.Create(c, $"{(s.LowerBound ? ">" : "")}{r:0.0}x") : "n/a (hl held 0.95 from the start)";
            var notes = (s.LowerBound ? $"; some {s.Baseline} seeds never converged" : "") + (s.HybridConverged ? "" : "; some hl seeds never converged, so this is no bound");
            text.AppendLine($"speedup hl vs {s.Baseline}: {ratio} fewer real interactions to 0.95{notes}");
        }

        foreach (var cost in report.Costs)
        {
            text.AppendLine($"cost of learning, {cost.Baseline} / hl (up to each one's convergence): regret {Ratio(cost.RegretRatio)}, missed requirements {Ratio(cost.ViolationsRatio)}");
        }

        return text.ToString();
    }

    private static string Interactions(double value, bool lowerBound) =>
        (lowerBound ? ">" : "") + value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Range(InteractionStats s) => s.Converged == 0
        ? Interactions(s.Max, lowerBound: true)
        : $"{Interactions(s.Min, lowerBound: false)} - {Interactions(s.Max, !s.AllConverged)}";

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) + "x" : "n/a (hl had none)";
}
