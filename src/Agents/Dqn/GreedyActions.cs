using EdgeControl.Agents.Features;
using EdgeControl.Agents.Learning;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Dqn;

/// <summary>Greedy actions of a Q-network for many requests in one batched forward pass.</summary>
public static class GreedyActions
{
    public static int[] Of(QFunction q, ObservationFeatures features, ActionMask mask, IReadOnlyList<Observation> requests)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(mask);
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
