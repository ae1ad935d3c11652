using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Agents.Tests;

/// <summary>
/// Same learner seed, same curve; another learner seed, another curve (the twin's seed stays the
/// same, so any difference comes from the learner). A curve is compared point by point on
/// everything but wall time: score, regret, violations and training loss.
/// </summary>
[Collection(SerialTorchSharp.Name)]
public sealed class LearnerSeedTests
{
    private static readonly Lazy<PolicyEvaluation> Evaluation = new(() => PolicyEvaluation.Create(Scenarios.Paper, Scenarios.QuickClosedLoop));

    [Fact]
    public void Dqn_honours_its_seed() => AssertHonoursSeed("dqn", new TrainingOptions(MaxInteractions: 200, EvaluateEvery: 50, Seed: 3));

    // Shorter: each real step of the hybrid agent costs 16 updates and, early on, a refit of five networks.
    [Fact]
    public void The_hybrid_agent_honours_its_seed() => AssertHonoursSeed("hl", new TrainingOptions(MaxInteractions: 40, EvaluateEvery: 20, Seed: 3));

    private static void AssertHonoursSeed(string agent, TrainingOptions options)
    {
        var first = Curve(agent, seed: 3, options);
        var second = Curve(agent, seed: 3, options);
        var other = Curve(agent, seed: 4, options);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    private static List<(long Interactions, double Score, double Regret, long Violations, double Loss)> Curve(string agent, long seed, TrainingOptions options)
    {
        var learner = LearnerCatalog.Default(agent).Create(Scenarios.Paper, seed);
        try
        {
            return Trainer.Run(learner, Evaluation.Value, options).Curve
                .Select(p => (p.RealInteractions, p.Score, p.CumulativeRegret, p.Violations, p.ModelLoss))
                .ToList();
        }
        finally
        {
            (learner as IDisposable)?.Dispose();
        }
    }
}
