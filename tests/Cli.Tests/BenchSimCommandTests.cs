using System.Text.Json;

namespace EdgeControl.Cli.Tests;

/// <summary><c>edgecontrol bench sim</c>. Speed itself is for benchmarks; tests only check the report.</summary>
public class BenchSimCommandTests
{
    [Fact]
    public void Json_output_reports_steps_per_second()
    {
        var result = EdgeControlProcess.Run("bench", "sim", "--scenario", EdgeControlProcess.ShippedScenario, "--steps", "100000", "--json");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        using var report = JsonDocument.Parse(result.Stdout);
        Assert.Equal(100_000, report.RootElement.GetProperty("steps").GetInt32());
        Assert.True(report.RootElement.GetProperty("stepsPerSecond").GetDouble() > 0);
        Assert.Equal("paper-mobilenet", report.RootElement.GetProperty("scenario").GetString());
        Assert.Equal("random", report.RootElement.GetProperty("policy").GetString());
    }

    [Fact]
    public void A_policy_runs_on_its_own_trajectory_and_the_busiest_servers_queue_is_reported()
    {
        var result = EdgeControlProcess.Run("bench", "sim", "--scenario", EdgeControlProcess.ShippedScenario, "--steps", "20000", "--policy", "edge", "--json");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        using var report = JsonDocument.Parse(result.Stdout);
        Assert.Equal("edge", report.RootElement.GetProperty("policy").GetString());
        Assert.Equal("edge-1", report.RootElement.GetProperty("largestInFlightServer").GetString());
        Assert.True(report.RootElement.GetProperty("largestInFlight").GetInt32() > 0);
    }

    [Fact]
    public void An_unknown_policy_is_named_in_the_error()
    {
        var result = EdgeControlProcess.Run("bench", "sim", "--scenario", EdgeControlProcess.ShippedScenario, "--policy", "fastest");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--policy must be one of", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'fastest'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_needs_a_scenario()
    {
        var result = EdgeControlProcess.Run("bench", "sim", "--steps", "100000");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Option '--scenario' is required", result.Stderr, StringComparison.Ordinal);
    }
}
