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
    }

    [Fact]
    public void Bench_needs_a_scenario()
    {
        var result = EdgeControlProcess.Run("bench", "sim", "--steps", "100000");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--scenario is required", result.Stderr, StringComparison.Ordinal);
    }
}
