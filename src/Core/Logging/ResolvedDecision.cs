using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Logging;

/// <summary>
/// A logged request resolved against the scenario: where it ran, its reward (as logged, or computed by Core's reward
/// function), whether it missed its requirements, and the observation the twin can replay (null without full context).
/// </summary>
public sealed record ResolvedDecision(
    LoggedDecision Row,
    User User,
    Tier Tier,
    PlacementAction Placement,
    double Reward,
    Observation? Context)
{
    /// <summary>Slower than the user's SLO.</summary>
    public bool Late => Row.LatencyMs > User.SloMs;

    /// <summary>Late or less accurate than required (a lost request has accuracy 0), as the twin counts misses.</summary>
    public bool Misses => Late || Row.Accuracy < User.AccuracyRequirement;

    /// <summary>No result came back (a worker refused it or was gone): the device reports accuracy 0.</summary>
    public bool Lost => Row.Accuracy <= 0;

    /// <summary>
    /// Chosen greedily: under epsilon-greedy the greedy action has probability at least 1 - epsilon, an exploring one
    /// epsilon / actions; fixed policies log 1. Unknown (not logged) counts as greedy.
    /// </summary>
    public bool Greedy => Row.ActionProbability is not { } p || p >= 0.5;
}
