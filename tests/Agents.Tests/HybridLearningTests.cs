using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;
using Xunit.Abstractions;

namespace EdgeControl.Agents.Tests;

[Collection(SerialTorchSharp.Name)]
public sealed class HybridLearningTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_hybrid_agent_reaches_095_with_at_least_3x_fewer_real_interactions_than_dqn(long seed)
    {
        var evaluation = PolicyEvaluation.Create(Scenarios.ContextualBandit, Scenarios.QuickClosedLoop);
        var options = new TrainingOptions(MaxInteractions: 3_000, EvaluateEvery: 10, Seed: seed, StopAfterConvergedAt: 0.95);

        var hybrid = Train("hl", evaluation, options, seed);
        var dqn = Train("dqn", evaluation, options, seed);

        // Measured (default settings, seeds 1-4, runs repeated): hybrid 20, DQN 110-120, i.e. 5.5-6x.
        output.WriteLine($"real interactions to 0.95: hl {hybrid}, dqn {dqn}");
        Assert.NotNull(hybrid);
        Assert.NotNull(dqn);
        Assert.True(3 * hybrid <= dqn, $"hl {hybrid}, dqn {dqn}");
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
