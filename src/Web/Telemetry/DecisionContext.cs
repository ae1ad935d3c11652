using EdgeControl.Web.Decisions;

namespace EdgeControl.Web.Telemetry;

/// <summary>
/// The request context a stored outcome's decision was made in (the <c>decision_log</c> context columns): the scenario,
/// the action, its probability under the serving policy and who served, and the observation the policy saw.
/// </summary>
internal sealed record DecisionContext(
    string Scenario,
    int Action,
    double ActionProbability,
    string ServedBy,
    double UplinkMbps,
    double RttEdgeMs,
    double RttCloudMs,
    int LocalLoad,
    string? NetworkCondition,
    int[] ServerLoads)
{
    /// <summary>The context of <paramref name="decision"/>, named as in the scenario it was decided on.</summary>
    public static DecisionContext Of(PendingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var (scenario, request) = (decision.Scenario, decision.Request);
        var condition = request.NetworkCondition >= 0 && request.NetworkCondition < scenario.Conditions.Count
            ? scenario.Conditions[request.NetworkCondition].Name
            : null;
        return new DecisionContext(
            scenario.Name, decision.Action, decision.Probability, decision.ServedBy, request.UplinkMbps, request.RttEdgeMs, request.RttCloudMs,
            request.LocalLoad, condition, request.ServerLoads);
    }
}
