using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Policies;

/// <summary>
/// Join the fastest node now: the cheapest variant that meets the request's accuracy requirement, on
/// the target (own device or any server) with the least latency the node profiles predict at the
/// loads the request sees. What a non-learning orchestrator with load reports does; unlike the
/// idle-node <see cref="ProfileGreedyPolicy"/> it spreads requests as nodes fill. It ignores device
/// energy and never trades accuracy for speed: weighing those too with the loads is the oracle's rule.
/// </summary>
public sealed class LoadAwarePolicy(Scenario scenario) : IPolicy
{
    private readonly ActionSpace _actions = new(scenario);

    public string Name => "load-aware";

    public int Decide(Observation request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var variant = VariantChoice.CheapestMeeting(scenario.Catalog, request.AccuracyRequirement);
        var best = new PlacementAction(PlacementAction.Local, variant);
        var bestLatency = Physics.Expected(scenario, request, best).LatencyMs;
        for (var target = 1; target < _actions.Targets; target++)
        {
            var action = new PlacementAction(target, variant);
            var latency = Physics.Expected(scenario, request, action).LatencyMs;
            if (latency < bestLatency)
            {
                (best, bestLatency) = (action, latency);
            }
        }

        return _actions.Encode(best);
    }
}
