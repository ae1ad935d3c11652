using EdgeControl.Agents.Tabular;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Agents.Tests;

public sealed class TrainerTests
{
    private static readonly Lazy<PolicyEvaluation> Evaluation = new(() => PolicyEvaluation.Create(Scenarios.Paper, Scenarios.QuickClosedLoop));

    [Fact]
    public void A_learner_that_always_plays_the_oracle_has_no_regret_and_scores_1()
    {
        var result = Trainer.Run(new OracleLearner(Scenarios.Paper), Evaluation.Value, new TrainingOptions(MaxInteractions: 2_000, EvaluateEvery: 500, Seed: 1));

        Assert.Equal([0, 500, 1_000, 1_500, 2_000], result.Curve.Select(p => p.RealInteractions));
        Assert.All(result.Curve, p => Assert.Equal(0.0, p.CumulativeRegret));
        Assert.All(result.Curve, p => Assert.Equal(1.0, p.Score, 1e-12));
    }

    [Fact]
    public void The_trainer_charges_a_random_learner_the_regret_and_violations_of_exactly_what_it_experienced()
    {
        var learner = new RandomLearner(Scenarios.Paper, seed: 2);

        var result = Trainer.Run(learner, Evaluation.Value, new TrainingOptions(MaxInteractions: 2_000, EvaluateEvery: 500, Seed: 1));

        var last = result.Curve[^1];
        Assert.Equal(2_000, last.RealInteractions);
        Assert.True(learner.Regret > 0);
        Assert.True(learner.Violations > 0);
        Assert.Equal(learner.Regret, last.CumulativeRegret, 1e-9);
        Assert.Equal(learner.Violations, last.Violations);
        Assert.All(result.Curve, p => Assert.InRange(p.Score, -0.1, 0.1));
    }

    [Fact]
    public void Regret_and_violations_never_decrease_along_a_learning_curve_and_start_at_zero()
    {
        var learner = new TabularQLearningAgent(Scenarios.Paper, QLearningOptions.Default, seed: 1);

        var curve = Trainer.Run(learner, Evaluation.Value, new TrainingOptions(MaxInteractions: 10_000, EvaluateEvery: 250, Seed: 1)).Curve;

        Assert.Equal((0.0, 0L), (curve[0].CumulativeRegret, curve[0].Violations));
        Assert.True(curve[^1].CumulativeRegret > 0);
        for (var i = 1; i < curve.Count; i++)
        {
            Assert.True(curve[i].CumulativeRegret >= curve[i - 1].CumulativeRegret, $"regret fell at {curve[i].RealInteractions}");
            Assert.True(curve[i].Violations >= curve[i - 1].Violations, $"violations fell at {curve[i].RealInteractions}");
        }
    }

    [Fact]
    public void Training_stops_as_soon_as_the_target_score_has_been_held_for_three_more_evaluations()
    {
        var options = new TrainingOptions(MaxInteractions: 10_000, EvaluateEvery: 100, Seed: 1, StopAfterConvergedAt: 0.95);

        var result = Trainer.Run(new OracleLearner(Scenarios.Paper), Evaluation.Value, options);

        Assert.Equal([0, 100, 200, 300], result.Curve.Select(p => p.RealInteractions));
        Assert.Equal(0, result.InteractionsTo(0.95, ScoreLoop.Open));
    }
}
