using EdgeControl.Core.Domain;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Evaluation;

/// <summary>
/// Scores a policy by what it does to the system it runs on: the policy decides every request of its
/// own trajectory on the twin, so the loads later requests meet are the ones its earlier placements
/// left behind. The open-loop <see cref="EvaluationSet"/> scores actions on fixed states and cannot see
/// that contention. Every policy meets the same arrivals, network draws and background loads (common
/// random numbers: the twin's random stream does not depend on the actions), and the mean expected
/// reward is normalised between uniformly random and the oracle run the same way.
/// </summary>
public sealed class ClosedLoopEvaluation
{
    private readonly ClosedLoopOptions _options;
    private readonly PolicyRollout _oracle;
    private readonly PolicyRollout _random;

    private ClosedLoopEvaluation(Scenario scenario, ClosedLoopOptions options)
    {
        Scenario = scenario;
        _options = options;
        _oracle = Roll(new OraclePolicy(scenario));
        _random = Roll(new RandomPolicy(scenario, scenario.EvaluationSeed));
    }

    public Scenario Scenario { get; }

    public ClosedLoopOptions Options => _options;

    /// <summary>Mean expected reward per scored request of the oracle's own trajectories (the ceiling).</summary>
    public double OracleMean => _oracle.MeanReward;

    /// <summary>Mean expected reward per scored request of uniformly random trajectories (the floor).</summary>
    public double RandomMean => _random.MeanReward;

    public static ClosedLoopEvaluation Create(Scenario scenario, ClosedLoopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= ClosedLoopOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Seeds, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.WarmUpRequests, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RequestsPerSeed, 1, nameof(options));
        return new ClosedLoopEvaluation(scenario, options);
    }

    public ClosedLoopScore Evaluate(IPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Evaluate(requests => requests.Select(policy.Decide).ToArray());
    }

    /// <summary>
    /// Scores a policy that decides the pending requests of all seeds' trajectories at once (one per
    /// seed, in lockstep), so a network policy runs one batched forward pass per step.
    /// </summary>
    public ClosedLoopScore Evaluate(Func<IReadOnlyList<Observation>, int[]> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var run = Roll(decide);
        var span = OracleMean - RandomMean;
        var perSeed = new double[run.PerSeedMeans.Length];
        for (var k = 0; k < perSeed.Length; k++)
        {
            perSeed[k] = (run.PerSeedMeans[k] - _random.PerSeedMeans[k]) / (_oracle.PerSeedMeans[k] - _random.PerSeedMeans[k]);
        }

        return new ClosedLoopScore((run.MeanReward - RandomMean) / span, StandardError(perSeed), run.MeanReward,
            run.MeanLatencyMs, run.MissRate);
    }

    public double Score(IPolicy policy) => Evaluate(policy).Score;

    private PolicyRollout Roll(IPolicy policy) => Roll(requests => requests.Select(policy.Decide).ToArray());

    private PolicyRollout Roll(Func<IReadOnlyList<Observation>, int[]> decide)
    {
        var seeds = _options.Seeds;
        var twins = new EdgeCloudTwin[seeds];
        var pending = new Observation[seeds];
        for (var k = 0; k < seeds; k++)
        {
            twins[k] = new EdgeCloudTwin(Scenario);
            pending[k] = twins[k].Reset(ClosedLoopOptions.SeedOf(Scenario, k));
        }

        var rewards = new double[seeds];
        double latency = 0;
        long misses = 0;
        var steps = _options.WarmUpRequests + _options.RequestsPerSeed;
        for (var step = 0; step < steps; step++)
        {
            var actions = decide(pending);
            if (actions.Length != seeds)
            {
                throw new InvalidOperationException($"the policy answered {actions.Length} of {seeds} pending requests");
            }

            for (var k = 0; k < seeds; k++)
            {
                var request = pending[k];
                var action = twins[k].Actions.Decode(actions[k]);
                var result = twins[k].Step(action);
                if (step >= _options.WarmUpRequests)
                {
                    // Expected (noise-free) reward of the action in the state the policy's own trajectory met:
                    // the same mean as the measured reward, without the measurement noise's variance.
                    var expected = Physics.Expected(Scenario, request, action);
                    rewards[k] += Reward.Of(expected, request, Scenario.Reward);
                    latency += expected.LatencyMs;
                    misses += expected.MissesRequirementsOf(request) ? 1 : 0;
                }

                pending[k] = result.Next;
            }
        }

        var scored = (double)_options.RequestsPerSeed;
        var perSeed = rewards.Select(r => r / scored).ToArray();
        return new PolicyRollout(perSeed, perSeed.Average(), latency / (scored * seeds), misses / (scored * seeds));
    }

    private static double StandardError(double[] values)
    {
        if (values.Length < 2)
        {
            return double.NaN;
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return Math.Sqrt(variance / values.Length);
    }

    private sealed record PolicyRollout(double[] PerSeedMeans, double MeanReward, double MeanLatencyMs, double MissRate);
}
