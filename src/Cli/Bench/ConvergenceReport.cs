namespace EdgeControl.Cli.Bench;

/// <summary>The experiment's results: per agent, the best non-learning policy, speedups and the cost of learning.</summary>
internal sealed record ConvergenceReport(
    string Scenario,
    int Seeds,
    long MaxInteractions,
    IReadOnlyList<AgentSummary> Agents,
    NamedScore BestNonLearning,
    IReadOnlyList<Speedup> Speedups,
    IReadOnlyList<CostOfLearning> Costs)
{
    /// <summary>The score that counts as converged (held for the next evaluations too).</summary>
    public const double Threshold = 0.95;

    public const string Hybrid = "hl";

    public static ConvergenceReport Build(string scenario, int seeds, long maxInteractions, IReadOnlyList<AgentRuns> runs, NamedScore bestNonLearning)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var agents = runs.Select(r => AgentSummary.From(r, maxInteractions)).ToList();
        var hybrid = agents.FirstOrDefault(a => a.Agent == Hybrid);
        var baselines = hybrid is null ? [] : agents.Where(a => a.Agent != Hybrid).ToList();
        var speedups = baselines.Select(b => new Speedup(
            b.Agent,
            Ratio(b.To95.Median, hybrid!.To95.Median),
            !b.To95.AllConverged,
            hybrid.To95.AllConverged)).ToList();
        var costs = baselines.Select(b => new CostOfLearning(
            b.Agent,
            Ratio(b.CumulativeRegret, hybrid!.CumulativeRegret),
            Ratio(b.Violations, hybrid.Violations))).ToList();
        return new ConvergenceReport(scenario, seeds, maxInteractions, agents, bestNonLearning, speedups, costs);
    }

    private static double? Ratio(double baseline, double hybrid) => hybrid > 0 ? baseline / hybrid : null;
}
