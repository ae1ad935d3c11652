using EdgeControl.Cli.Bench;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Tests;

/// <summary>The arithmetic of <c>bench convergence</c>: medians over seeds, lower bounds, speedups, cost of learning, in both loops.</summary>
public class ConvergenceReportTests
{
    private const long Max = 10_000;

    private static readonly NonLearningScore[] NonLearning = [new("greedy", 0.86, 0.005, 0.94), new("load-aware", 0.98, 0.002, 0.99)];

    [Theory]
    [InlineData(new double[] { 3, 1, 2 }, 2)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new double[] { 7 }, 7)]
    public void Median_is_the_middle_value_or_the_mean_of_the_two_middle_values(double[] values, double median) =>
        Assert.Equal(median, Statistics.Median(values));

    [Fact]
    public void Interactions_to_converge_are_the_first_of_four_evaluations_at_or_above_095()
    {
        var run = HandMadeRuns.Run("hl", 1, convergesAt: 300, max: 1000);

        Assert.Equal(300, run.InteractionsTo(0.95, ScoreLoop.Closed));
        Assert.Null(HandMadeRuns.Run("hl", 1, convergesAt: 800, max: 1000).InteractionsTo(0.95, ScoreLoop.Closed)); // 800, 900, 1000: held for too short
    }

    [Fact]
    public void A_seed_that_never_converged_counts_as_the_maximum_and_makes_the_figures_lower_bounds()
    {
        var stats = InteractionStats.From([100, 300, null], Max);

        Assert.Equal(300, stats.Median);
        Assert.Equal(100, stats.Min);
        Assert.Equal(Max, stats.Max);
        Assert.Equal(2, stats.Converged);
        Assert.False(stats.AllConverged);
        Assert.False(stats.MedianIsLowerBound); // the middle seed converged
        Assert.True(InteractionStats.From([100, null], Max).MedianIsLowerBound);
        Assert.True(InteractionStats.From([100, null, null], Max).MedianIsLowerBound);
    }

    [Fact]
    public void Agent_summary_takes_medians_over_seeds()
    {
        var summary = AgentSummary.From(HandMadeRuns.Agent("dqn", Max, 500, 200, 900), Max);

        Assert.Equal(500, summary.ClosedLoop.To95.Median);
        Assert.Equal(200, summary.ClosedLoop.To95.Min);
        Assert.Equal(900, summary.ClosedLoop.To95.Max);
        Assert.Equal(3, summary.ClosedLoop.To95.Converged);
        Assert.Equal(500, summary.ClosedLoop.To90.Median);
        Assert.Equal(500, summary.ClosedLoop.To98.Median);
        Assert.Equal(0.99, summary.ClosedLoop.FinalScore);
        Assert.Equal(3 * Max / 1000.0, summary.WallSeconds, 9);
    }

    [Fact]
    public void Each_loop_has_its_own_convergence_final_score_and_cost_of_learning()
    {
        // Open loop held from 600, 200 and 400; closed loop only by the first seed, from 300.
        var runs = HandMadeRuns.Agent("dqn", Max, new ConvergesAt(300, 600), new ConvergesAt(null, 200), new ConvergesAt(null, 400));

        var summary = AgentSummary.From(runs, Max);

        Assert.Equal(Max, summary.ClosedLoop.To95.Median);
        Assert.True(summary.ClosedLoop.To95.MedianIsLowerBound);
        Assert.Equal(1, summary.ClosedLoop.To95.Converged);
        Assert.Equal(400, summary.OpenLoop.To95.Median);
        Assert.Equal(3, summary.OpenLoop.To95.Converged);
        Assert.Equal(0.5, summary.ClosedLoop.FinalScore);
        Assert.Equal(0.99, summary.OpenLoop.FinalScore);
        // Counted up to each loop's own point: closed loop 300, Max, Max; open loop 600, 200, 400.
        Assert.Equal(Max, summary.ClosedLoop.CumulativeRegret);
        Assert.Equal(400, summary.OpenLoop.CumulativeRegret);
        Assert.Same(summary.ClosedLoop, summary.Of(ScoreLoop.Closed));
        Assert.Same(summary.OpenLoop, summary.Of(ScoreLoop.Open));
    }

    [Fact]
    public void Cost_of_learning_is_counted_up_to_each_seeds_own_convergence_or_its_end()
    {
        var summary = AgentSummary.From(HandMadeRuns.Agent("qlearning", Max, 400, null, 600), Max);

        // Seeds paid 400, 10000 (never converged: its last point) and 600 per unit of cost.
        Assert.Equal(600, summary.ClosedLoop.CumulativeRegret);
        Assert.Equal(600, summary.ClosedLoop.Violations);
    }

    [Fact]
    public void Speedup_is_the_ratio_of_median_interactions_to_095_and_a_lower_bound_when_a_baseline_seed_never_converged()
    {
        var report = ConvergenceReport.Build("s", 2, Max,
            [HandMadeRuns.Agent("qlearning", Max, 3000, null), HandMadeRuns.Agent("dqn", Max, 600, 900), HandMadeRuns.Agent("hl", Max, 100, 200)],
            NonLearning);

        var versusQ = report.Speedups.Single(s => s.Baseline == "qlearning" && s.Loop == ScoreLoop.Closed);
        var versusDqn = report.Speedups.Single(s => s.Baseline == "dqn" && s.Loop == ScoreLoop.Closed);
        Assert.Equal((3000 + Max) / 2.0 / 150.0, versusQ.Ratio!.Value, 9);
        Assert.True(versusQ.LowerBound);
        Assert.Equal(750 / 150.0, versusDqn.Ratio!.Value, 9);
        Assert.False(versusDqn.LowerBound);
        Assert.True(versusDqn.HybridConverged);
    }

    [Fact]
    public void Speedups_and_costs_are_reported_for_both_loops_closed_loop_first()
    {
        var report = ConvergenceReport.Build("s", 1, Max,
            [HandMadeRuns.Agent("dqn", Max, new ConvergesAt(800, 400)), HandMadeRuns.Agent("hl", Max, new ConvergesAt(100, 200))], NonLearning);

        Assert.Equal([ScoreLoop.Closed, ScoreLoop.Open], report.Speedups.Select(s => s.Loop));
        Assert.Equal(8, report.Speedups[0].Ratio!.Value, 9);
        Assert.Equal(2, report.Speedups[1].Ratio!.Value, 9);
        Assert.Equal([ScoreLoop.Closed, ScoreLoop.Open], report.Costs.Select(c => c.Loop));
        // Regret up to each loop's point: dqn 800 closed loop and 400 open loop, hl 100 and 200.
        Assert.Equal(8, report.Costs[0].RegretRatio!.Value, 9);
        Assert.Equal(2, report.Costs[1].RegretRatio!.Value, 9);
    }

    [Fact]
    public void Cost_ratios_are_baseline_over_hybrid()
    {
        var report = ConvergenceReport.Build("s", 1, Max, [HandMadeRuns.Agent("dqn", Max, 800), HandMadeRuns.Agent("hl", Max, 200)], NonLearning);

        var cost = report.Costs.Single(c => c.Loop == ScoreLoop.Closed);
        Assert.Equal("dqn", cost.Baseline);
        Assert.Equal(4, cost.RegretRatio!.Value, 9);
        Assert.Equal(4, cost.ViolationsRatio!.Value, 9);
    }

    [Fact]
    public void Speedups_are_reported_only_for_agents_that_ran()
    {
        Assert.Empty(ConvergenceReport.Build("s", 1, Max, [HandMadeRuns.Agent("qlearning", Max, 800)], NonLearning).Speedups);
        Assert.Equal(2, ConvergenceReport.Build("s", 1, Max, [HandMadeRuns.Agent("dqn", Max, 800), HandMadeRuns.Agent("hl", Max, 100)], NonLearning).Speedups.Count);
    }

    [Fact]
    public void The_best_non_learning_policy_is_judged_closed_loop()
    {
        // A policy that herds every request onto one node looks best open loop and worst closed loop.
        NonLearningScore[] policies = [new("local", 0.80, 0.008, 0.944), new("herding", 0.36, 0.017, 0.995), new("load-aware", 0.983, 0.002, 0.991)];

        var report = ConvergenceReport.Build("s", 1, Max, [HandMadeRuns.Agent("hl", Max, 100)], policies);

        Assert.Equal("load-aware", report.BestNonLearning.Name);
        Assert.Equal(policies, report.NonLearning);
    }

    [Fact]
    public void The_sweep_picks_fewest_interactions_to_hold_095_closed_loop_then_the_higher_final_closed_loop_score()
    {
        SweepEntry[] entries =
        [
            Entry(0, "a", null, 0.97, openTo95: 100),
            Entry(1, "b", 700, 0.96, openTo95: 300),
            Entry(2, "c", 700, 0.99, openTo95: 900),
            Entry(3, "d", 900, 1.0, openTo95: 100),
        ];

        Assert.Equal("c", SweepEntry.Best(entries, Max).Label);
        Assert.Equal("a", SweepEntry.Best([Entry(0, "a", null, 0.97, null), Entry(1, "b", null, 0.9, 100)], Max).Label);
    }

    [Fact]
    public void A_sweep_setting_is_stopped_only_once_it_can_no_longer_hold_095_closed_loop_by_the_best_settings_point()
    {
        // The open-loop score (0.99 throughout) must not matter: the sweep ranks by the closed-loop one.
        ProgressPoint P(long x, double closedLoop) => new(x, closedLoop, 0.99, 0);

        // Best so far held 0.95 from 200.
        Assert.False(SweepPruning.CannotHoldBy([P(100, 0.5), P(200, 0.5)], 200, 0.95)); // 200 not passed yet
        Assert.True(SweepPruning.CannotHoldBy([P(100, 0.5), P(200, 0.5), P(300, 0.99)], 200, 0.95));
        Assert.False(SweepPruning.CannotHoldBy([P(100, 0.5), P(200, 0.96), P(300, 0.99)], 200, 0.95)); // may tie at 200
        Assert.True(SweepPruning.CannotHoldBy([P(100, 0.5), P(200, 0.96), P(300, 0.99), P(400, 0.9)], 200, 0.95));
    }

    private static SweepEntry Entry(int index, string label, long? closedTo95, double finalClosedLoopScore, long? openTo95) =>
        new("dqn", index, label, HandMadeRuns.Run("dqn", 1000, new ConvergesAt(closedTo95, openTo95), Max, finalClosedLoopScore: finalClosedLoopScore));
}
