using System.Text.Json;

namespace EdgeControl.Cli.Tests;

/// <summary><c>edgecontrol bench learn</c>. Speed itself is for benchmarks; tests only check the report and the options.</summary>
public class BenchLearnCommandTests
{
    [Fact]
    public void Json_output_reports_experiences_per_second_the_batches_and_the_final_scores()
    {
        var result = EdgeControlProcess.Run("bench", "learn", "--scenario", EdgeControlProcess.ShippedScenario, "--agent", "dqn", "--experiences", "2000", "--queue", "100", "--json");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        using var report = JsonDocument.Parse(result.Stdout);
        var root = report.RootElement;
        Assert.Equal("paper-mobilenet", root.GetProperty("scenario").GetString());
        Assert.Equal("dqn", root.GetProperty("agent").GetString());
        Assert.Equal(2_000, root.GetProperty("experiences").GetInt64());
        Assert.True(root.GetProperty("experiencesPerSecond").GetDouble() > 0);
        var batches = root.GetProperty("batches").GetInt64();
        Assert.InRange(batches, 20, 2_000);
        Assert.Equal(2_000.0 / batches, root.GetProperty("meanBatchSize").GetDouble(), 6);
        Assert.InRange(root.GetProperty("largestBatch").GetInt32(), 1, 100);
        Assert.InRange(root.GetProperty("closedLoopScore").GetDouble(), -1.0, 1.0);
        Assert.InRange(root.GetProperty("openLoopScore").GetDouble(), -1.0, 1.0);
    }

    [Fact]
    public void Text_output_prints_the_rate_the_batches_and_both_scores_with_progress_lines_on_stderr()
    {
        var result = EdgeControlProcess.Run("bench", "learn", "--scenario", EdgeControlProcess.ShippedScenario, "--agent", "hl", "--experiences", "500", "--rate", "5000");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains("500 experiences learned in", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("experiences/s", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("offered at 5,000/s", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"[\d,]+ batches, mean batch [\d.]+, largest [\d,]+ \(queue 1,000\)", result.Stdout);
        Assert.Matches(@"closed-loop score -?\d\.\d{3}, open-loop score -?\d\.\d{3}", result.Stdout);
        Assert.Contains("10/10 done", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--experiences", "0", "--experiences")]
    [InlineData("--queue", "0", "--queue")]
    [InlineData("--rate", "-5", "--rate")]
    [InlineData("--agent", "sarsa", "--agent must be one of")]
    public void A_bad_option_is_named_and_exits_2(string option, string value, string expected)
    {
        string[] args = ["bench", "learn", "--scenario", EdgeControlProcess.ShippedScenario, "--agent", "hl", "--experiences", "100"];
        var index = Array.IndexOf(args, option);
        if (index >= 0)
        {
            args[index + 1] = value;
        }
        else
        {
            args = [.. args, option, value];
        }

        var result = EdgeControlProcess.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_number_of_experiences_is_required()
    {
        var result = EdgeControlProcess.Run("bench", "learn", "--scenario", EdgeControlProcess.ShippedScenario, "--agent", "hl");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Option '--experiences' is required", result.Stderr, StringComparison.Ordinal);
    }
}
