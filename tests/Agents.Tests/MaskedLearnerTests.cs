using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Agents.Tests;

[Collection(SerialTorchSharp.Name)]
public sealed class MaskedLearnerTests
{
    private static readonly Lazy<PolicyEvaluation> Evaluation = new(() => PolicyEvaluation.Create(Scenarios.Paper, Scenarios.QuickClosedLoop));

    [Theory]
    [InlineData("qlearning", 3_000)]
    [InlineData("dqn", 300)]
    [InlineData("hl", 40)]
    public void With_the_mask_no_learner_ever_picks_a_variant_below_the_accuracy_requirement(string agent, long steps)
    {
        var audit = Train(agent, steps);

        Assert.Equal(steps, audit.ExploringDecisions);
        Assert.True(audit.GreedyDecisions > 0);
        Assert.Equal(0, audit.BelowRequirement);
    }

    [Theory]
    [InlineData("qlearning-no-mask")]
    [InlineData("dqn-no-mask")]
    public void Without_the_mask_learners_do_try_variants_below_the_accuracy_requirement(string agent)
    {
        var audit = Train(agent, steps: 300);

        Assert.True(audit.BelowRequirement > 0);
    }

    private static AccuracyAudit Train(string agent, long steps)
    {
        var learner = LearnerCatalog.Default(agent).Create(Scenarios.Paper, 1);
        try
        {
            var audit = new AccuracyAudit(learner, Scenarios.Paper);
            // Early on, while exploration is high, with a greedy evaluation of 2,000 requests every steps / 4.
            Trainer.Run(audit, Evaluation.Value, new TrainingOptions(MaxInteractions: steps, EvaluateEvery: steps / 4, Seed: 1));
            return audit;
        }
        finally
        {
            (learner as IDisposable)?.Dispose();
        }
    }
}
