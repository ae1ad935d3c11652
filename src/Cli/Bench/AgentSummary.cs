using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>One agent's row of the experiment, in both score loops.</summary>
/// <param name="WallSeconds">Training time of all seeds together (evaluations included).</param>
internal sealed record AgentSummary(string Agent, string Setting, LoopSummary ClosedLoop, LoopSummary OpenLoop, double WallSeconds)
{
    public LoopSummary Of(ScoreLoop loop) => loop == ScoreLoop.Closed ? ClosedLoop : OpenLoop;

    public static AgentSummary From(AgentRuns agent, long maxInteractions)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new AgentSummary(
            agent.Agent,
            agent.Setting,
            LoopSummary.From(agent.Runs, ScoreLoop.Closed, maxInteractions),
            LoopSummary.From(agent.Runs, ScoreLoop.Open, maxInteractions),
            agent.Runs.Sum(r => r.WallSeconds));
    }
}
