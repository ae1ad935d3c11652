using EdgeControl.Agents.Hybrid;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;
using Xunit.Abstractions;

namespace EdgeControl.Agents.Tests;

[Collection(SerialTorchSharp.Name)]
public sealed class HybridLearningTests(ITestOutputHelper output)
{
    [Fact]
    public void The_hybrid_agent_reaches_095_with_at_least_3x_fewer_real_interactions_than_dqn_over_seeds()
    {
        var evaluation = PolicyEvaluation.Create(Scenarios.ContextualBandit, Scenarios.QuickClosedLoop);
        long[] seeds = [1, 2, 3];
        var hybrid = new List<long>();
        var dqn = new List<long>();
        foreach (var seed in seeds)
        {
            var options = new TrainingOptions(MaxInteractions: 3_000, EvaluateEvery: 10, Seed: seed, StopAfterConvergedAt: 0.95);
            hybrid.Add(Train("hl", evaluation, options, seed) ?? long.MaxValue);
            dqn.Add(Train("dqn", evaluation, options, seed) ?? long.MaxValue);
        }

        // Measured (default settings, seeds 1-6): hybrid 60, 20, 20, 20, 30, 60; DQN 100, 120, 90, 150, 110, 110.
        // One seed can be slow for either learner (the 0.95 must hold four evaluations in a row), so the claim is on medians.
        output.WriteLine($"real interactions to 0.95: hl {string.Join(", ", hybrid)}; dqn {string.Join(", ", dqn)}");
        var medianHybrid = hybrid.Order().ElementAt(1);
        var medianDqn = dqn.Order().ElementAt(1);
        Assert.True(medianDqn < long.MaxValue, "dqn never held 0.95 on most seeds");
        Assert.True(3 * medianHybrid <= medianDqn, $"median hl {medianHybrid}, median dqn {medianDqn}");
    }

    [Theory]
    [InlineData(20.0, true)]
    [InlineData(1.0, false)]
    public void Between_scheduled_refits_an_outcome_the_model_did_not_expect_refits_it_at_once(double slower, bool refits)
    {
        var data = RandomTransitions.Collect(Scenarios.Paper, 1_212, seed: 9);
        using var agent = new HybridLearningAgent(Scenarios.Paper, new HybridOptions(), seed: 9);
        // Refits are due every 100 steps from step 1,000: the last at 1,200, the next at 1,300.
        foreach (var e in data.Take(1_211))
        {
            agent.Learn(e);
        }

        var loss = agent.LastLoss;
        var last = data[1_211];
        agent.Learn(last with { Outcome = last.Outcome with { LatencyMs = slower * last.Outcome.LatencyMs } });

        Assert.Equal(refits, agent.LastLoss != loss);
    }

    private static long? Train(string agent, PolicyEvaluation evaluation, TrainingOptions options, long seed)
    {
        var learner = LearnerCatalog.Default(agent).Create(evaluation.Scenario, seed);
        try
        {
            return Trainer.Run(learner, evaluation, options).InteractionsTo(0.95, ScoreLoop.Open);
        }
        finally
        {
            (learner as IDisposable)?.Dispose();
        }
    }
}
