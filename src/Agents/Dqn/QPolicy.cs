using EdgeControl.Agents.Features;
using EdgeControl.Agents.Learning;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Dqn;

/// <summary>
/// How a Q-network picks actions, for the DQN baseline and the hybrid agent alike: epsilon-greedy among
/// the allowed actions for a real step, and one batched forward pass for the greedy actions of many requests.
/// </summary>
public sealed class QPolicy(QFunction q, ObservationFeatures features, ActionMask mask, Xoshiro256 rng)
{
    private readonly float[] _state = new float[features.Length];

    /// <param name="epsilon">Probability of a uniformly random allowed action; 0 = greedy (and no draw from the generator).</param>
    public int Act(Observation request, double epsilon)
    {
        var allowed = mask.Restrict(request);
        if (epsilon > 0 && rng.NextDouble() < epsilon)
        {
            return GreedyChoice.RandomAllowed(rng, allowed, q.ActionCount);
        }

        features.Write(request, _state);
        return GreedyChoice.Best(q.Values(_state), allowed);
    }

    /// <summary>Epsilon-greedy among the actions both the mask and <paramref name="restriction"/> allow (one forward pass).</summary>
    public ServedAction Serve(Observation request, double epsilon, ReadOnlySpan<bool> restriction)
    {
        var allowed = ActionMask.Intersect(mask.Restrict(request), restriction);
        features.Write(request, _state);
        return GreedyChoice.Serve(rng, GreedyChoice.Best(q.Values(_state), allowed), epsilon, allowed, q.ActionCount);
    }

    public int[] Greedy(IReadOnlyList<Observation> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var states = new float[requests.Count * features.Length];
        for (var i = 0; i < requests.Count; i++)
        {
            features.Write(requests[i], states.AsSpan(i * features.Length, features.Length));
        }

        var values = q.Values(states, requests.Count);
        var actions = new int[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            actions[i] = GreedyChoice.Best(values.AsSpan(i * q.ActionCount, q.ActionCount), mask.Restrict(requests[i]));
        }

        return actions;
    }
}
