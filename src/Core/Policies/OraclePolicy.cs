using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Policies;

/// <summary>Exhaustive search: the action with the best expected (noise-free) reward for this request.</summary>
public sealed class OraclePolicy(Scenario scenario) : IPolicy
{
    private readonly ActionSpace _actions = new(scenario);

    public string Name => "oracle";

    public int Decide(Observation request)
    {
        var best = 0;
        var bestReward = double.NegativeInfinity;
        for (var a = 0; a < _actions.Count; a++)
        {
            var reward = ExpectedReward(scenario, request, _actions.Decode(a));
            if (reward > bestReward)
            {
                bestReward = reward;
                best = a;
            }
        }

        return best;
    }

    /// <summary>What choosing <paramref name="chosen"/> costs in expectation: the oracle's expected reward minus the chosen action's.</summary>
    public static double Regret(Scenario scenario, Observation request, int chosen)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        // Called for every real step of training: it walks the targets and variants in action-index order
        // rather than building an ActionSpace per call.
        var best = double.NegativeInfinity;
        var mine = 0.0;
        var a = 0;
        for (var target = 0; target <= scenario.Servers.Count; target++)
        {
            for (var variant = 0; variant < scenario.Catalog.Count; variant++, a++)
            {
                var reward = ExpectedReward(scenario, request, new PlacementAction(target, variant));
                best = Math.Max(best, reward);
                mine = a == chosen ? reward : mine;
            }
        }

        return best - mine;
    }

    public static double ExpectedReward(Scenario scenario, Observation request, PlacementAction action)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Reward.Of(Physics.Expected(scenario, request, action), request, scenario.Reward);
    }
}
