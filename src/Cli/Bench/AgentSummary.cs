namespace EdgeControl.Cli.Bench;

/// <summary>One agent's row of the experiment: medians over its seeds.</summary>
/// <param name="CumulativeRegret">Median over seeds of the regret summed up to the seed's own convergence (or its end).</param>
/// <param name="Violations">Median over seeds of the real requests that missed a requirement, counted the same way.</param>
/// <param name="WallSeconds">Training time of all seeds together.</param>
internal sealed record AgentSummary(
    string Agent,
    string Setting,
    InteractionStats To95,
    InteractionStats To90,
    InteractionStats To98,
    double FinalScore,
    double CumulativeRegret,
    double Violations,
    double WallSeconds)
{
    public static AgentSummary From(AgentRuns agent, long maxInteractions)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var runs = agent.Runs;
        InteractionStats To(double threshold) => InteractionStats.From(runs.Select(r => r.InteractionsTo(threshold)).ToList(), maxInteractions);
        var atConvergence = runs.Select(r => r.PointAtConvergence(ConvergenceReport.Threshold)).ToList();
        return new AgentSummary(
            agent.Agent,
            agent.Setting,
            To(ConvergenceReport.Threshold),
            To(0.90),
            To(0.98),
            Statistics.Median(runs.Select(r => r.FinalScore)),
            Statistics.Median(atConvergence.Select(p => p.CumulativeRegret)),
            Statistics.Median(atConvergence.Select(p => (double)p.Violations)),
            runs.Sum(r => r.WallSeconds));
    }
}
