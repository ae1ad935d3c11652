using EdgeControl.Core.Domain;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Evaluation;

/// <summary>
/// A fixed, seeded set of requests on which policies are scored by expected reward, with each
/// request's oracle reward (ceiling) and uniformly-random mean reward (floor) precomputed.
/// </summary>
public sealed class EvaluationSet
{
    // The requests come from a trajectory of the oracle with 20% random actions: close to the
    // states a good policy meets, with enough excursions to also score recovery from bad ones.
    private const double ExplorationRate = 0.2;
    private const int WarmUpRequests = 200;
    private const int Stride = 5;

    private readonly double[] _expected;

    private EvaluationSet(Scenario scenario, IReadOnlyList<Observation> requests)
    {
        Scenario = scenario;
        Requests = requests;
        Actions = new ActionSpace(scenario);
        _expected = new double[requests.Count * Actions.Count];
        var oracle = new double[requests.Count];
        var random = new double[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var rewards = _expected.AsSpan(i * Actions.Count, Actions.Count);
            oracle[i] = rewards[ExpectedRewards.Best(scenario, requests[i], rewards)];
            var sum = 0.0;
            foreach (var r in rewards)
            {
                sum += r;
            }

            random[i] = sum / Actions.Count;
        }

        OracleRewards = oracle;
        RandomRewards = random;
        OracleMean = oracle.Average();
        RandomMean = random.Average();
    }

    public Scenario Scenario { get; }

    public ActionSpace Actions { get; }

    public IReadOnlyList<Observation> Requests { get; }

    public IReadOnlyList<double> OracleRewards { get; }

    public IReadOnlyList<double> RandomRewards { get; }

    public double OracleMean { get; }

    public double RandomMean { get; }

    /// <summary>Builds the scenario's evaluation set from its evaluation seed and size.</summary>
    public static EvaluationSet Create(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var twin = new EdgeCloudTwin(scenario);
        var oracle = new OraclePolicy(scenario);
        var rng = new Xoshiro256(scenario.EvaluationSeed);
        var request = twin.Reset(scenario.EvaluationSeed);
        var requests = new List<Observation>(scenario.EvaluationObservations);
        for (var step = 0; requests.Count < scenario.EvaluationObservations; step++)
        {
            if (step >= WarmUpRequests && step % Stride == 0)
            {
                requests.Add(request);
            }

            var action = rng.NextDouble() < ExplorationRate ? rng.NextInt(twin.Actions.Count) : oracle.Decide(request);
            request = twin.Step(action).Next;
        }

        return new EvaluationSet(scenario, requests);
    }

    /// <summary>Expected (noise-free) reward of action <paramref name="action"/> on request <paramref name="request"/>.</summary>
    public double ExpectedReward(int request, int action) => _expected[request * Actions.Count + action];

    /// <summary>Mean expected reward of a policy's choices over the set.</summary>
    public double MeanReward(IPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return MeanReward(policy.Decide);
    }

    public double MeanReward(Func<Observation, int> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var sum = 0.0;
        for (var i = 0; i < Requests.Count; i++)
        {
            sum += ExpectedReward(i, decide(Requests[i]));
        }

        return sum / Requests.Count;
    }

    /// <summary>Mean expected reward of one chosen action per request of the set, in order.</summary>
    public double MeanReward(IReadOnlyList<int> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count != Requests.Count)
        {
            throw new ArgumentException($"need one action per request ({Requests.Count}), got {actions.Count}", nameof(actions));
        }

        var sum = 0.0;
        for (var i = 0; i < actions.Count; i++)
        {
            sum += ExpectedReward(i, actions[i]);
        }

        return sum / actions.Count;
    }

    /// <summary>(policy - random) / (oracle - random): 0 for uniformly random actions, 1 for the oracle.</summary>
    public double NormalizedScore(double meanReward) => (meanReward - RandomMean) / (OracleMean - RandomMean);

    public double Score(IPolicy policy) => NormalizedScore(MeanReward(policy));
}
