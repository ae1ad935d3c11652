using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>One agent's row of the adaptation experiment, in both score loops.</summary>
/// <param name="WallSeconds">Training time of all seeds together (evaluations included).</param>
internal sealed record AdaptationSummary(string Agent, string Setting, AdaptationLoop ClosedLoop, AdaptationLoop OpenLoop, double WallSeconds)
{
    public AdaptationLoop Of(ScoreLoop loop) => loop == ScoreLoop.Closed ? ClosedLoop : OpenLoop;

    public static AdaptationSummary From(AgentRuns agent, long at, long recoverWithin)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new AdaptationSummary(
            agent.Agent,
            agent.Setting,
            AdaptationLoop.From(agent.Runs, ScoreLoop.Closed, at, recoverWithin),
            AdaptationLoop.From(agent.Runs, ScoreLoop.Open, at, recoverWithin),
            agent.Runs.Sum(r => r.WallSeconds));
    }
}
