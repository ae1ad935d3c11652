using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Shifts;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tests;

/// <summary>The training loop with an environment change at a step: the twin, the regret and the evaluation all switch there, and only there.</summary>
public sealed class TrainerShiftTests
{
    private const long At = 250;
    private static readonly Lazy<PolicyEvaluation> Evaluation = new(() => PolicyEvaluation.Create(Scenarios.Paper, Scenarios.QuickClosedLoop));
    private static readonly Lazy<Scenario> SlowUplink = new(() => Shifted("uplink/10"));
    private static readonly Lazy<Scenario> EdgeGone = new(() => Shifted("remove:edge-1"));

    [Fact]
    public void The_learner_experiences_the_changed_environment_from_real_step_N_plus_1_on_and_not_before()
    {
        var steady = new EdgeOnlyLearner();
        var shifted = new EdgeOnlyLearner();

        Trainer.Run(steady, Evaluation.Value, new TrainingOptions(MaxInteractions: 400, EvaluateEvery: 100, Seed: 1));
        Trainer.Run(shifted, Evaluation.Value, new TrainingOptions(MaxInteractions: 400, EvaluateEvery: 100, Seed: 1, Change: new EnvironmentChange(At, SlowUplink.Value)));

        Assert.Equal(steady.Seen.Take((int)At).Select(Facts), shifted.Seen.Take((int)At).Select(Facts));
        Assert.All(Enumerable.Range((int)At, 400 - (int)At), i =>
        {
            Assert.Equal(steady.Seen[i].Request.UplinkMbps / 10, shifted.Seen[i].Request.UplinkMbps, 12);
            Assert.True(shifted.Seen[i].Outcome.LatencyMs > steady.Seen[i].Outcome.LatencyMs, $"real step {i + 1} was as fast as before the shift");
        });
    }

    [Fact]
    public void From_the_change_on_regret_is_against_the_changed_oracle_and_the_schedule_restarts_with_a_score_at_the_change()
    {
        // Playing the changed environment's oracle from the start (never the edge): regret before the change, none after it.
        var learner = new OracleLearner(EdgeGone.Value);

        var curve = Trainer.Run(learner, Evaluation.Value, new TrainingOptions(MaxInteractions: 600, EvaluateEvery: 100, Seed: 1, Change: new EnvironmentChange(At, EdgeGone.Value))).Curve;

        Assert.Equal([0, 100, 200, At, At + 100, At + 200, At + 300], curve.Select(p => p.RealInteractions));
        var atChange = curve.Single(p => p.RealInteractions == At);
        Assert.True(atChange.CumulativeRegret > 0, "the edge-less oracle's actions cost nothing in the old environment: the test shows nothing");
        Assert.All(curve.Where(p => p.RealInteractions > At), p => Assert.Equal(atChange.CumulativeRegret, p.CumulativeRegret, 1e-9));
        // Scored against the changed environment's oracle, which it is.
        Assert.All(curve.Where(p => p.RealInteractions >= At), p => Assert.Equal(1.0, p.Score, 1e-12));
    }

    [Fact]
    public void With_a_change_training_stops_only_once_the_target_is_held_after_it()
    {
        var options = new TrainingOptions(MaxInteractions: 10_000, EvaluateEvery: 100, Seed: 1, StopAfterConvergedAt: 0.95, Change: new EnvironmentChange(At, EdgeGone.Value));

        var curve = Trainer.Run(new OracleLearner(EdgeGone.Value), Evaluation.Value, options).Curve;

        Assert.Equal(At + 300, curve[^1].RealInteractions);
    }

    private static Scenario Shifted(string shift) => EnvironmentShift.ApplyAll(EnvironmentShiftParser.Parse(shift), Scenarios.Paper);

    private static (int User, double Time, double Uplink, string Loads, Outcome Outcome, double Reward) Facts(Experience e) =>
        (e.Request.User, e.Request.TimeSeconds, e.Request.UplinkMbps, string.Join(' ', e.Request.ServerLoads), e.Outcome, e.Reward);

    /// <summary>Sends every request to the edge with the smallest variant, and keeps what it experienced.</summary>
    private sealed class EdgeOnlyLearner : ILearner
    {
        public List<Experience> Seen { get; } = [];

        public string Name => "edge-only";

        public long RealSteps => Seen.Count;

        public int Act(Observation request, bool explore) => Scenarios.Paper.Catalog.Count + Scenarios.Paper.Catalog.Count - 1;

        public void Learn(Experience experience) => Seen.Add(experience);
    }
}
