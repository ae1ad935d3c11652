using EdgeControl.Agents.Dqn;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tests;

/// <summary>
/// The frozen copy a control plane serves decisions from computes the TorchSharp Q-network's forward pass in managed
/// code: the same Q-values (to float rounding) and so the same greedy actions, from any number of threads, unchanged by
/// later learning.
/// </summary>
[Collection(SerialTorchSharp.Name)]
public sealed class FrozenQPolicyTests
{
    [Theory]
    [InlineData("dqn")]
    [InlineData("hl")]
    public void A_frozen_policy_gives_the_Q_values_and_greedy_actions_of_the_TorchSharp_network(string agent)
    {
        var learner = Trained(agent, steps: 600);
        try
        {
            var frozen = ((IFreezablePolicy)learner).Snapshot().Policy;
            var q = learner switch { DqnAgent d => d.Q, Hybrid.HybridLearningAgent h => h.Q, _ => throw new InvalidOperationException(agent) };
            var features = new Features.ObservationFeatures(Scenarios.Paper);
            var state = new float[features.Length];
            var managed = new float[frozen.ActionCount];
            foreach (var request in Requests(count: 500, seed: 7))
            {
                features.Write(request, state);
                var torch = q.Values(state);
                frozen.Values(request, managed);

                for (var a = 0; a < torch.Length; a++)
                {
                    Assert.True(Math.Abs(torch[a] - managed[a]) <= 1e-4f * Math.Max(1f, Math.Abs(torch[a])), $"action {a}: TorchSharp {torch[a]}, managed {managed[a]}");
                }

                Assert.Equal(learner.Serve(request, explore: false, []).Action, frozen.Serve(request, explore: false, []).Action);
            }
        }
        finally
        {
            (learner as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void Learning_after_freezing_does_not_change_the_frozen_policy()
    {
        var learner = Trained("dqn", steps: 300);
        try
        {
            var frozen = ((IFreezablePolicy)learner).Snapshot().Policy;
            var requests = Requests(count: 50, seed: 3);
            var before = requests.Select(r => Values(frozen, r)).ToList();

            foreach (var experience in RandomTransitions.Collect(Scenarios.Paper, 600, seed: 9))
            {
                learner.Learn(experience);
            }

            Assert.NotEqual(before.SelectMany(v => v), requests.SelectMany(r => Values(((IFreezablePolicy)learner).Snapshot().Policy, r)));
            Assert.Equal(before.SelectMany(v => v), requests.SelectMany(r => Values(frozen, r)));
        }
        finally
        {
            (learner as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void Many_threads_serving_at_once_get_the_greedy_actions_one_thread_gets()
    {
        var learner = Trained("hl", steps: 300);
        try
        {
            var frozen = ((IFreezablePolicy)learner).Snapshot().Policy;
            var requests = Requests(count: 2_000, seed: 5);
            var alone = requests.Select(r => frozen.Serve(r, explore: false, []).Action).ToArray();
            var together = new int[requests.Count];

            Parallel.For(0, requests.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => together[i] = frozen.Serve(requests[i], explore: false, []).Action);

            Assert.Equal(alone, together);
        }
        finally
        {
            (learner as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void Exploring_serves_with_the_learners_epsilon_at_the_moment_it_froze()
    {
        using var fresh = (IDisposable)LearnerCatalog.Default("dqn").Create(Scenarios.Paper, 1);

        var frozen = ((IFreezablePolicy)fresh).Snapshot().Policy;

        // A learner that has learned nothing explores with epsilon 1 (DqnOptions.Epsilon starts at 1.0).
        Assert.Equal(1.0, frozen.ExploringEpsilon);
    }

    private static float[] Values(FrozenQPolicy policy, Observation request)
    {
        var values = new float[policy.ActionCount];
        policy.Values(request, values);
        return values;
    }

    private static ILearner Trained(string agent, int steps)
    {
        var learner = LearnerCatalog.Default(agent).Create(Scenarios.Paper, 1);
        foreach (var experience in RandomTransitions.Collect(Scenarios.Paper, steps, seed: 2))
        {
            learner.Learn(experience);
        }

        return learner;
    }

    private static List<Observation> Requests(int count, long seed)
    {
        var twin = new EdgeCloudTwin(Scenarios.Paper);
        var rng = new Xoshiro256(seed);
        var request = twin.Reset(seed);
        var requests = new List<Observation>(count);
        for (var i = 0; i < count; i++)
        {
            requests.Add(request);
            request = twin.Step(rng.NextInt(twin.Actions.Count)).Next;
        }

        return requests;
    }
}
