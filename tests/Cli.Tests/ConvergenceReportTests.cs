using EdgeControl.Cli.Bench;

namespace EdgeControl.Cli.Tests;

/// <summary>The arithmetic of <c>bench convergence</c>: medians over seeds, lower bounds, speedups, cost of learning.</summary>
public class ConvergenceReportTests
{
    private const long Max = 10_000;
    private static readonly NamedScore Greedy = new("greedy", 0.9);

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

        Assert.Equal(300, run.InteractionsTo(0.95));
        Assert.Null(HandMadeRuns.Run("hl", 1, convergesAt: 800, max: 1000).InteractionsTo(0.95)); // 800, 900, 1000: held for too short
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

        Assert.Equal(500, summary.To95.Median);
        Assert.Equal(200, summary.To95.Min);
        Assert.Equal(900, summary.To95.Max);
        Assert.Equal(3, summary.To95.Converged);
        Assert.Equal(500, summary.To90.Median);
        Assert.Equal(500, summary.To98.Median);
        Assert.Equal(0.99, summary.FinalScore);
        Assert.Equal(3 * Max / 1000.0, summary.WallSeconds, 9);
    }

    [Fact]
    public void Cost_of_learning_is_counted_up_to_each_seeds_own_convergence_or_its_end()
    {
        var summary = AgentSummary.From(HandMadeRuns.Agent("qlearning", Max, 400, null, 600), Max);

        // Seeds paid 400, 10000 (never converged: its last point) and 600 per unit of cost.
        Assert.Equal(600, summary.CumulativeRegret);
        Assert.Equal(600, summary.Violations);
    }

    [Fact]
    public void Speedup_is_the_ratio_of_median_interactions_to_095_and_a_lower_bound_when_a_baseline_seed_never_converged()
    {
        var report = ConvergenceReport.Build("s", 2, Max,
            [HandMadeRuns.Agent("qlearning", Max, 3000, null), HandMadeRuns.Agent("dqn", Max, 600, 900), HandMadeRuns.Agent("hl", Max, 100, 200)],
            Greedy);

        var versusQ = report.Speedups.Single(s => s.Baseline == "qlearning");
        var versusDqn = report.Speedups.Single(s => s.Baseline == "dqn");
        Assert.Equal((3000 + Max) / 2.0 / 150.0, versusQ.Ratio!.Value, 9);
        Assert.True(versusQ.LowerBound);
        Assert.Equal(750 / 150.0, versusDqn.Ratio!.Value, 9);
        Assert.False(versusDqn.LowerBound);
        Assert.True(versusDqn.HybridConverged);
    }

    [Fact]
    public void Cost_ratios_are_baseline_over_hybrid()
    {
        var report = ConvergenceReport.Build("s", 1, Max, [HandMadeRuns.Agent("dqn", Max, 800), HandMadeRuns.Agent("hl", Max, 200)], Greedy);

        var cost = Assert.Single(report.Costs);
        Assert.Equal("dqn", cost.Baseline);
        Assert.Equal(4, cost.RegretRatio!.Value, 9);
        Assert.Equal(4, cost.ViolationsRatio!.Value, 9);
    }

    [Fact]
    public void Speedups_are_reported_only_for_agents_that_ran()
    {
        Assert.Empty(ConvergenceReport.Build("s", 1, Max, [HandMadeRuns.Agent("qlearning", Max, 800)], Greedy).Speedups);
        Assert.Single(ConvergenceReport.Build("s", 1, Max, [HandMadeRuns.Agent("dqn", Max, 800), HandMadeRuns.Agent("hl", Max, 100)], Greedy).Speedups);
    }

    [Fact]
    public void The_sweep_picks_fewest_interactions_then_the_higher_final_score_and_never_converged_counts_as_the_maximum()
    {
        SweepEntry[] entries =
        [
            new("dqn", 0, "a", null, 0.97, 1),
            new("dqn", 1, "b", 700, 0.96, 1),
            new("dqn", 2, "c", 700, 0.99, 1),
            new("dqn", 3, "d", 900, 1.0, 1),
        ];

        Assert.Equal("c", SweepEntry.Best(entries, Max).Label);
        Assert.Equal("a", SweepEntry.Best([new("dqn", 0, "a", null, 0.97, 1), new("dqn", 1, "b", null, 0.9, 1)], Max).Label);
    }

    [Fact]
    public void A_sweep_setting_is_stopped_only_once_it_can_no_longer_hold_095_by_the_best_settings_point()
    {
        ProgressPoint P(long x, double s) => new(x, s, 0);

        // Best so far held 0.95 from 200.
        Assert.False(SweepPruning.CannotHoldBy([P(100, 0.5), P(200, 0.5)], 200, 0.95)); // 200 not passed yet
        Assert.True(SweepPruning.CannotHoldBy([P(100, 0.5), P(200, 0.5), P(300, 0.99)], 200, 0.95));
        Assert.False(SweepPruning.CannotHoldBy([P(100, 0.5), P(200, 0.96), P(300, 0.99)], 200, 0.95)); // may tie at 200
        Assert.True(SweepPruning.CannotHoldBy([P(100, 0.5), P(200, 0.96), P(300, 0.99), P(400, 0.9)], 200, 0.95));
    }
}
