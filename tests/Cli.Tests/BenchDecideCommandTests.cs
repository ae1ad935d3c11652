using System.Text.Json;

namespace EdgeControl.Cli.Tests;

/// <summary><c>edgecontrol bench decide</c>. Speed itself is for benchmarks; tests only check the report.</summary>
public class BenchDecideCommandTests
{
    [Fact]
    public void Json_output_reports_positive_latencies_throughput_and_evaluation_times()
    {
        var result = EdgeControlProcess.Run("bench", "decide", "--scenario", EdgeControlProcess.ShippedScenario,
            "--agent", "hl", "--train-steps", "20", "--decisions", "500", "--json");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        using var report = JsonDocument.Parse(result.Stdout);
        var root = report.RootElement;
        Assert.Equal("hl", root.GetProperty("agent").GetString());
        Assert.True(root.GetProperty("p50Microseconds").GetDouble() > 0);
        Assert.True(root.GetProperty("p99Microseconds").GetDouble() >= root.GetProperty("p50Microseconds").GetDouble());
        Assert.True(root.GetProperty("meanMicroseconds").GetDouble() > 0);
        Assert.True(root.GetProperty("batchedDecisionsPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("closedLoopEvaluationMs").GetDouble() > 0);
        Assert.True(root.GetProperty("openLoopEvaluationMs").GetDouble() > 0);
    }

    [Fact]
    public void An_unknown_agent_exits_2_naming_it()
    {
        var result = EdgeControlProcess.Run("bench", "decide", "--scenario", EdgeControlProcess.ShippedScenario, "--agent", "oracle");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--agent must be one of qlearning, dqn, hl", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("(got 'oracle')", result.Stderr, StringComparison.Ordinal);
    }
}
