using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Policies;

/// <summary>
/// A Neurosurgeon-like heuristic (Kang et al., ASPLOS 2017): predict each placement's latency and
/// energy from the known node profiles and the current bandwidth, as if every node were idle, and
/// take the best predicted reward. It knows the physics but not the contention users create,
/// which is what a learner has to discover.
/// </summary>
public sealed class ProfileGreedyPolicy(Scenario scenario) : IPolicy
{
    private readonly ActionSpace _actions = new(scenario);

    public string Name => "greedy";

    public int Decide(Observation request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var idle = request with { LocalLoad = 0, ServerLoads = new int[request.ServerLoads.Length] };
        var best = 0;
        var bestReward = double.NegativeInfinity;
        for (var a = 0; a < _actions.Count; a++)
        {
            var reward = OraclePolicy.ExpectedReward(scenario, idle, _actions.Decode(a));
            if (reward > bestReward)
            {
                bestReward = reward;
                best = a;
            }
        }

        return best;
    }
}
