using System.Collections.Concurrent;
using EdgeControl.Agents.Features;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Neural;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Dqn;

/// <summary>
/// A Q-network policy frozen for serving: the online network's weights as they were (<see cref="FrozenPerceptron"/>),
/// the same features and action mask, and the exploration rate of the learner's schedule at that moment. It chooses as
/// <see cref="QPolicy.Serve"/> does, from any number of threads at once, without a lock and without native calls: the
/// control plane answers every device's decision with it.
/// </summary>
public sealed class FrozenQPolicy
{
    /// <summary>Exploration draws, one generator per thread: the learner's own generator is not thread-safe.</summary>
    [ThreadStatic]
    private static Xoshiro256? t_rng;

    private readonly ObservationFeatures _features;
    private readonly ActionMask _mask;
    private readonly ConcurrentDictionary<double, bool[]> _allowed = new();
    private readonly Lock _maskLock = new();
    private readonly FrozenPerceptron _network;

    internal FrozenQPolicy(ObservationFeatures features, ActionMask mask, FrozenPerceptron network, double exploringEpsilon)
    {
        _features = features;
        _mask = mask;
        _network = network;
        ExploringEpsilon = exploringEpsilon;
    }

    /// <summary>
    /// The policy of <paramref name="policies"/>' averaged network (<see cref="FrozenPerceptron.Average"/>), all frozen
    /// from one learner: it serves with the features, mask and exploration rate of the last of them, the newest.
    /// </summary>
    public static FrozenQPolicy Averaged(IReadOnlyList<FrozenQPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentOutOfRangeException.ThrowIfZero(policies.Count);
        if (policies.Count == 1)
        {
            return policies[0];
        }

        var newest = policies[^1];
        return new FrozenQPolicy(newest._features, newest._mask, FrozenPerceptron.Average([.. policies.Select(p => p._network)]), newest.ExploringEpsilon);
    }

    /// <summary>The probability of a random allowed action when serving with exploration.</summary>
    public double ExploringEpsilon { get; }

    public int ActionCount => _network.Outputs;

    /// <summary>Epsilon-greedy (with <see cref="ExploringEpsilon"/> when <paramref name="explore"/> is set) among the actions both the mask and <paramref name="restriction"/> allow.</summary>
    public ServedAction Serve(Observation request, bool explore, ReadOnlySpan<bool> restriction)
    {
        ArgumentNullException.ThrowIfNull(request);
        var allowed = ActionMask.Intersect(Restrict(request), restriction);
        Span<float> values = stackalloc float[_network.Outputs];
        Values(request, values);
        return GreedyChoice.Serve(t_rng ??= new Xoshiro256(Random.Shared.NextInt64()), GreedyChoice.Best<float>(values, allowed), explore ? ExploringEpsilon : 0, allowed, values.Length);
    }

    /// <summary>The Q-value of every action for <paramref name="request"/>.</summary>
    public void Values(Observation request, Span<float> values)
    {
        Span<float> state = stackalloc float[_features.Length];
        _features.Write(request, state);
        _network.Forward(state, values);
    }

    /// <summary>The mask's allowed actions; its cache is filled once per accuracy requirement, under a lock (it is not thread-safe).</summary>
    private ReadOnlySpan<bool> Restrict(Observation request)
    {
        if (!_mask.Enabled)
        {
            return ReadOnlySpan<bool>.Empty;
        }

        if (_allowed.TryGetValue(request.AccuracyRequirement, out var allowed))
        {
            return allowed;
        }

        lock (_maskLock)
        {
            return _allowed.GetOrAdd(request.AccuracyRequirement, _mask.Allowed(request));
        }
    }
}
