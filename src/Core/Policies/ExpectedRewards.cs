using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Policies;

/// <summary>
/// The expected (noise-free) reward of an action for a request, and the oracle's rule: the action with
/// the best of them. Every argmax over expected rewards in Core is this one (the oracle, its regret, the
/// idle-node greedy, the evaluation set's ceiling), so they agree on ties: the lowest action index wins.
/// </summary>
/// <remarks>
/// Walks the targets and variants in action-index order (index = target * variants + variant, as
/// <see cref="ActionSpace"/> numbers them) and allocates nothing: it runs for every step the oracle
/// decides and every real step a trainer scores.
/// </remarks>
public static class ExpectedRewards
{
    public static double Of(Scenario scenario, Observation request, PlacementAction action)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Reward.Of(Physics.Expected(scenario, request, action), request, scenario.Reward);
    }

    /// <summary>The index of the action with the best expected reward.</summary>
    public static int Best(Scenario scenario, Observation request) => Best(scenario, request, [], out _);

    /// <summary>The index of the action with the best expected reward, and that reward.</summary>
    public static int Best(Scenario scenario, Observation request, out double bestReward) =>
        Best(scenario, request, [], out bestReward);

    /// <summary>
    /// The index of the action with the best expected reward; <paramref name="rewards"/> receives every
    /// action's expected reward by action index (it must hold all of them).
    /// </summary>
    public static int Best(Scenario scenario, Observation request, Span<double> rewards) =>
        Best(scenario, request, rewards, out _);

    private static int Best(Scenario scenario, Observation request, Span<double> rewards, out double bestReward)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var variants = scenario.Catalog.Count;
        var targets = 1 + scenario.Servers.Count;
        var keep = !rewards.IsEmpty;
        if (keep && rewards.Length < targets * variants)
        {
            throw new ArgumentException($"room for {rewards.Length} of {targets * variants} actions' rewards", nameof(rewards));
        }

        var best = 0;
        bestReward = double.NegativeInfinity;
        var a = 0;
        for (var target = 0; target < targets; target++)
        {
            for (var variant = 0; variant < variants; variant++, a++)
            {
                var reward = Of(scenario, request, new PlacementAction(target, variant));
                if (keep)
                {
                    rewards[a] = reward;
                }

                if (reward > bestReward)
                {
                    bestReward = reward;
                    best = a;
                }
            }
        }

        return best;
    }
}
