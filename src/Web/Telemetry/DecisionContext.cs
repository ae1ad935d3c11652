using EdgeControl.Core.Domain;
using EdgeControl.Web.DeviceHub;

namespace EdgeControl.Web.Telemetry;

/// <summary>
/// The request context a stored outcome's decision was made in (the <c>decision_log</c> context columns): the action,
/// its probability under the serving policy and who served, and the observation the policy saw.
/// </summary>
internal sealed record DecisionContext(
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
    /// <summary>The context of <paramref name="decision"/>, its network condition named as in <paramref name="scenario"/>.</summary>
    public static DecisionContext Of(PendingDecision decision, Scenario? scenario)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var request = decision.Request;
        var condition = scenario is not null && request.NetworkCondition >= 0 && request.NetworkCondition < scenario.Conditions.Count
            ? scenario.Conditions[request.NetworkCondition].Name
            : null;
        return new DecisionContext(
            decision.Action, decision.Probability, decision.ServedBy, request.UplinkMbps, request.RttEdgeMs, request.RttCloudMs,
            request.LocalLoad, condition, request.ServerLoads);
    }
}
