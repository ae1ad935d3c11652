using EdgeControl.Cli.Testbed;
using EdgeControl.Core.Logging;
using static EdgeControl.Cli.Tests.TestbedRows;

namespace EdgeControl.Cli.Tests;

/// <summary>Learned against the best fixed policy, cycle by cycle: the testbed's verdict with its uncertainty.</summary>
public class PairedCyclesTests
{
    // Two cycles of 30 s windows from t = 100 s, the second in reverse order (as scripts/testbed.sh runs them).
    private static readonly AbWindow[] TwoCycles =
    [
        new("learned-greedy", Start.AddSeconds(100), Start.AddSeconds(130)),
        new("greedy", Start.AddSeconds(130), Start.AddSeconds(160)),
        new("greedy", Start.AddSeconds(160), Start.AddSeconds(190)),
        new("learned-greedy", Start.AddSeconds(190), Start.AddSeconds(220)),
    ];

    [Fact]
    public void Each_cycle_compares_the_learned_windows_mean_reward_with_the_fixed_policys_in_the_same_cycle()
    {
        var paired = PairedCycles.Compare(Resolve(
        [
            Local(101, 75, -0.4), Local(102, 75, -0.6), // cycle 1, learned: -0.5
            Local(131, 75, -0.6, servedBy: "greedy"),    // cycle 1, greedy: -0.6
            Local(161, 75, -0.6, servedBy: "greedy"),    // cycle 2, greedy: -0.6
            Local(191, 75, -0.7),                        // cycle 2, learned: -0.7
            Local(195, 75, -9.0, servedBy: "greedy"),    // decided by greedy in the learner's window: neither's
        ]), TwoCycles, "greedy");

        Assert.NotNull(paired);
        Assert.Equal([1, 2], paired.Cycles.Select(c => c.Cycle));
        Assert.Equal([0.1, -0.1], paired.Cycles.Select(c => Math.Round(c.Difference, 9)));
        Assert.Equal(0, paired.MeanDifference, precision: 9);
        // Student's t with 1 degree of freedom (12.706) x the differences' standard deviation (0.1414) / sqrt(2).
        Assert.Equal(1.2706, paired.HalfWidth95, precision: 9);
    }

    [Fact]
    public void One_cycle_has_no_spread_to_measure_and_so_no_interval()
    {
        var oneCycle = TwoCycles[..2];

        var paired = PairedCycles.Compare(Resolve([Local(101, 75, -0.5), Local(131, 75, -0.6, servedBy: "greedy")]), oneCycle, "greedy");

        Assert.Null(paired);
    }

    [Fact]
    public void The_report_says_whether_the_interval_puts_the_learned_policy_ahead_behind_or_neither()
    {
        var report = new TestbedReport(TestbedScenario,
        [
            Local(101, 75, -0.50), Local(131, 75, -0.60, servedBy: "greedy"),
            Local(161, 75, -0.61, servedBy: "greedy"), Local(191, 75, -0.52),
        ], WorkerProfileHistory.Latest(new Dictionary<string, EdgeControl.Protocol.WorkerProfile>()), TwoCycles);
        using var output = new StringWriter();

        report.Write(output, rollingWindow: 2);

        // +0.10 and +0.09: mean +0.095, half-width 12.706 x 0.00707 / 1.414 = 0.064, so the interval is above zero.
        Assert.Contains("learned - greedy (the best fixed policy), cycle by cycle: +0.100, +0.090; mean +0.095, 95% confidence interval +0.031 to +0.159 (Student's t over 2 cycles): learned ahead.", output.ToString(), StringComparison.Ordinal);
    }

    private static IReadOnlyList<ResolvedDecision> Resolve(IEnumerable<LoggedDecision> rows) => new LoggedDecisionResolver(TestbedScenario).Resolve(rows);
}
