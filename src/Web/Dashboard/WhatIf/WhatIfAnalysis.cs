using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Topology;

namespace EdgeControl.Web.Dashboard.WhatIf;

/// <summary>
/// Predicts every placement of a user's latest request with the learned environment model of the serving policy
/// (a copy, never the learning thread's networks), or, where the learner has no fitted model, with the twin's
/// noise-free physics. The chosen variant is kept, so the placements differ only in where the request runs.
/// </summary>
public sealed class WhatIfAnalysis(TopologyTracker topology, DecisionService decisions)
{
    /// <summary>The what-if of <paramref name="user"/>'s latest request, or null before it has one.</summary>
    public RequestWhatIf? Of(string user)
    {
        var scenario = topology.Scenario;
        var latest = topology.Latest(user);
        if (scenario is null || latest is null)
        {
            return null;
        }

        var actions = new ActionSpace(scenario);
        var placements = Enumerable.Range(0, actions.Targets).Select(t => new PlacementAction(t, latest.Action.Variant)).ToList();
        // A policy of an earlier run (before the next publication) predicts for another scenario: not shown as this one's.
        var predicted = decisions.Scenario?.Name == scenario.Name ? decisions.Predict(latest.Request, [.. placements.Select(actions.Encode)]) : null;
        var variant = scenario.Catalog[latest.Action.Variant];
        var rows = placements.Select((placement, i) =>
        {
            var outcome = predicted is null ? Physics.Expected(scenario, latest.Request, placement) : predicted[i].WithAccuracy(variant.Top1);
            var (target, tier) = placement.IsLocal
                ? (TopologyTracker.DeviceName(scenario, latest.Request.User), TierNames.Of(Tier.Device))
                : (scenario.Servers[placement.Server].Name, TierNames.Of(scenario.Servers[placement.Server].Tier));
            return new WhatIfPlacement(target, tier, outcome.LatencyMs, outcome.EnergyJ, Reward.Of(outcome, latest.Request, scenario.Reward), predicted?[i].Spread, placement.Target == latest.Action.Target);
        }).ToList();
        return new RequestWhatIf(
            user,
            variant.Name,
            variant.Top1,
            predicted is null ? PredictionSource.TwinExpectation : PredictionSource.LearnedModel,
            rows,
            latest.Placement.Target,
            latest.Outcome,
            Reward.Of(latest.Outcome, latest.Request, scenario.Reward),
            latest.Placement.At);
    }
}
