using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tests;

/// <summary>The hooks of the one training loop: what the control plane adds to the bench's run.</summary>
public sealed class TrainingLoopTests
{
    private static readonly Lazy<PolicyEvaluation> Evaluation = new(() => PolicyEvaluation.Create(Scenarios.Paper, Scenarios.QuickClosedLoop));

    [Fact]
    public void Outside_experiences_that_arrive_together_are_handed_to_the_learner_as_one_batch()
    {
        using var stop = new CancellationTokenSource();
        var source = new QueuedExperiences(stop).ThenBatch(Scenarios.Paper, 30).ThenBatch(Scenarios.Paper, 5);
        var learner = new BatchRecordingLearner(Scenarios.Paper);

        var result = Trainer.Run(learner, Evaluation.Value, LiveOnly(evaluateEvery: 1_000), new TrainingHooks { Experiences = source }, stop.Token);

        Assert.Equal([30, 5], learner.Handovers);
        Assert.Equal([0L], result.Curve.Select(p => p.RealInteractions));
    }

    [Fact]
    public void An_evaluation_or_checkpoint_due_inside_a_batch_is_taken_once_after_it()
    {
        using var stop = new CancellationTokenSource();
        // 25 crosses the evaluations at 10 and 20 and the checkpoint at 20; 28 crosses nothing; 32 crosses the evaluation at 30.
        var source = new QueuedExperiences(stop).ThenBatch(Scenarios.Paper, 25).ThenBatch(Scenarios.Paper, 3).ThenBatch(Scenarios.Paper, 4);
        var checkpoints = new List<long>();
        var hooks = new TrainingHooks { Experiences = source, Checkpoint = c => checkpoints.Add(c.RealInteractions) };

        var result = Trainer.Run(new BatchRecordingLearner(Scenarios.Paper), Evaluation.Value, LiveOnly(evaluateEvery: 10) with { CheckpointEvery = 20 }, hooks, stop.Token);

        Assert.Equal([0L, 25L, 32L], result.Curve.Select(p => p.RealInteractions));
        // The one at 32 is the last checkpoint a stopped run takes of what it learned since the previous one.
        Assert.Equal([25L, 32L], checkpoints);
    }

    [Fact]
    public void A_batch_drained_as_the_run_is_stopped_is_still_learned_and_in_its_last_checkpoint()
    {
        // The source counts a drained batch as taken (the log follower records its horizon in the checkpoint): dropping it would lose it.
        using var stop = new CancellationTokenSource();
        var source = new StoppingWhileDrained(new QueuedExperiences(stop).ThenBatch(Scenarios.Paper, 12), stop);
        var learner = new BatchRecordingLearner(Scenarios.Paper);
        var checkpoints = new List<long>();
        var hooks = new TrainingHooks { Experiences = source, Checkpoint = c => checkpoints.Add(c.RealInteractions) };

        Trainer.Run(learner, Evaluation.Value, LiveOnly(evaluateEvery: 1_000) with { CheckpointEvery = 1_000 }, hooks, stop.Token);

        Assert.Equal([12], learner.Handovers);
        Assert.Equal([12L], checkpoints);
    }

    [Fact]
    public void On_the_twin_waiting_outside_experiences_are_learned_first_then_the_twin_is_paced_and_stepped_one_at_a_time()
    {
        using var stop = new CancellationTokenSource();
        var source = new QueuedExperiences(stop).ThenBatch(Scenarios.Paper, 20);
        var learner = new BatchRecordingLearner(Scenarios.Paper);
        var paced = 0;
        var stepped = new List<long>();
        var hooks = new TrainingHooks { Experiences = source, PaceTwinStep = _ => paced++, TwinStepped = s => stepped.Add(s.RealInteractions) };

        var result = Trainer.Run(learner, Evaluation.Value, new TrainingOptions(MaxInteractions: 50, EvaluateEvery: 25, Seed: 1), hooks, stop.Token);

        Assert.Equal(new[] { 20 }.Concat(Enumerable.Repeat(1, 30)), learner.Handovers);
        Assert.Equal(30, paced);
        Assert.Equal(Enumerable.Range(21, 30).Select(s => (long)s), stepped);
        Assert.Equal([0L, 25L, 50L], result.Curve.Select(p => p.RealInteractions));
    }

    [Fact]
    public void A_resumed_run_continues_its_step_count_regret_violations_and_wall_time_from_its_checkpoint()
    {
        var resumed = new TrainingCounters(RealInteractions: 1_000, CumulativeRegret: 12.5, Violations: 7, WallSeconds: 300);
        var learner = new RandomLearner(Scenarios.Paper, seed: 2);
        var options = new TrainingOptions(MaxInteractions: 1_100, EvaluateEvery: 25, Seed: 1) { ResumeFrom = resumed, EvaluatesAtStart = false };

        var result = Trainer.Run(learner, Evaluation.Value, options);

        // From 1,000 real interactions on the schedule evaluates every 100: one point, after 100 more.
        var point = Assert.Single(result.Curve);
        Assert.Equal(1_100, point.RealInteractions);
        Assert.Equal(100, learner.RealSteps);
        Assert.Equal(12.5 + learner.Regret, point.CumulativeRegret, 1e-9);
        Assert.Equal(7 + learner.Violations, point.Violations);
        Assert.True(point.WallSeconds > 300);
    }

    [Fact]
    public void A_stopped_run_takes_a_last_checkpoint_of_what_it_learned_since_the_previous_one()
    {
        using var stop = new CancellationTokenSource();
        var checkpoints = new List<TrainingCounters>();
        var hooks = new TrainingHooks { TwinStepped = s => Cancel(stop, s.RealInteractions == 37), Checkpoint = checkpoints.Add };
        var options = new TrainingOptions(MaxInteractions: long.MaxValue, EvaluateEvery: 1_000, Seed: 1) { CheckpointEvery = 1_000 };

        Trainer.Run(new RandomLearner(Scenarios.Paper, seed: 2), Evaluation.Value, options, hooks, stop.Token);

        Assert.Equal(37, Assert.Single(checkpoints).RealInteractions);
    }

    private static TrainingOptions LiveOnly(long evaluateEvery) =>
        new(MaxInteractions: long.MaxValue, EvaluateEvery: evaluateEvery, Seed: 1) { ActsOnTwin = false };

    private static void Cancel(CancellationTokenSource stop, bool when)
    {
        if (when)
        {
            stop.Cancel();
        }
    }

    /// <summary>A source whose drain coincides with a stop: the token is cancelled while the batch is handed over.</summary>
    private sealed class StoppingWhileDrained(IExperienceSource inner, CancellationTokenSource stop) : IExperienceSource
    {
        public void DrainInto(List<Experience> batch)
        {
            inner.DrainInto(batch);
            stop.Cancel();
        }

        public void WaitForExperiences(CancellationToken stopping) => inner.WaitForExperiences(stopping);
    }
}
