using System.Globalization;
using System.Text.Json;

namespace EdgeControl.Cli.Tests;

/// <summary><c>edgecontrol simulate</c>: one policy on the twin (a named heuristic or a learner's checkpoint), and its two scores.</summary>
public sealed class SimulateCommandTests(TrainedCheckpoint checkpoint) : IClassFixture<TrainedCheckpoint>
{
    private static readonly string[] ReportFields =
        ["policy", "requests", "meanLatencyMs", "meanEnergyJ", "violationRate", "meanReward", "closedLoop", "openLoopScore"];

    private static readonly string[] ClosedLoopFields =
        ["score", "standardError", "meanLatencyMs", "missRate", "meanReward", "seeds", "warmUpRequests", "requestsPerSeed"];

    private static JsonElement SimulateJson(params string[] args)
    {
        var result = EdgeControlProcess.Run(["simulate", "--scenario", EdgeControlProcess.ShippedScenario, .. args, "--json"]);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    private static JsonElement SimulateJson(string policy, int requests) =>
        SimulateJson("--policy", policy, "--requests", requests.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public void Json_output_is_one_object_with_the_report_fields_and_both_scores()
    {
        var report = SimulateJson("greedy", 2000);

        Assert.Equal(JsonValueKind.Object, report.ValueKind);
        var names = report.EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(ReportFields, field => Assert.Contains(field, names));
        Assert.All(ClosedLoopFields, field => Assert.True(report.GetProperty("closedLoop").TryGetProperty(field, out _), $"closedLoop.{field} is missing"));
        Assert.Equal("greedy", report.GetProperty("policy").GetString());
        Assert.Equal(2000, report.GetProperty("requests").GetInt32());
        Assert.True(report.GetProperty("meanLatencyMs").GetDouble() > 0);
        Assert.True(report.GetProperty("meanEnergyJ").GetDouble() > 0);
        Assert.InRange(report.GetProperty("violationRate").GetDouble(), 0, 1);
        Assert.True(report.GetProperty("meanReward").GetDouble() < 0);
        Assert.Equal(4, report.GetProperty("closedLoop").GetProperty("seeds").GetInt32());
        Assert.InRange(report.GetProperty("closedLoop").GetProperty("standardError").GetDouble(), 0, 0.05);
        Assert.InRange(report.GetProperty("closedLoop").GetProperty("missRate").GetDouble(), 0, 1);
    }

    [Fact]
    public void The_oracles_scores_are_one_in_both_loops()
    {
        var report = SimulateJson("oracle", 500);

        Assert.Equal("oracle", report.GetProperty("policy").GetString());
        Assert.Equal(1.0, report.GetProperty("openLoopScore").GetDouble());
        Assert.Equal(1.0, report.GetProperty("closedLoop").GetProperty("score").GetDouble(), 12);
    }

    [Fact]
    public void A_policy_that_sends_everything_to_the_edge_scores_lower_closed_loop_than_open_loop()
    {
        // The queue it builds on the one edge server is what the open-loop score cannot see.
        var report = SimulateJson("edge", 500);

        Assert.True(report.GetProperty("closedLoop").GetProperty("score").GetDouble() < report.GetProperty("openLoopScore").GetDouble() - 0.1,
            report.ToString());
    }

    [Fact]
    public void The_closed_loop_rollout_can_be_sized_from_the_command_line()
    {
        var report = SimulateJson("--policy", "local", "--requests", "100", "--closed-loop-seeds", "2", "--closed-loop-warm-up", "50", "--closed-loop-requests", "300");

        var closed = report.GetProperty("closedLoop");
        Assert.Equal((2, 50, 300), (closed.GetProperty("seeds").GetInt32(), closed.GetProperty("warmUpRequests").GetInt32(), closed.GetProperty("requestsPerSeed").GetInt32()));
    }

    [Fact]
    public void Placement_shares_cover_every_request()
    {
        var report = SimulateJson("local", 1000);

        var shares = report.GetProperty("placementShares").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(1.0, shares["local"]);
        Assert.Equal(1.0, shares.Values.Sum(), 9);
    }

    [Fact]
    public void The_same_seed_prints_the_same_report()
    {
        string[] args = ["simulate", "--scenario", EdgeControlProcess.ShippedScenario, "--policy", "random", "--requests", "1000", "--seed", "9", "--json"];

        Assert.Equal(EdgeControlProcess.Run(args).Stdout, EdgeControlProcess.Run(args).Stdout);
    }

    [Fact]
    public void Text_output_names_the_policy_and_the_scenario_and_prints_the_closed_loop_score_before_the_open_loop_one()
    {
        var result = EdgeControlProcess.Run("simulate", "--scenario", EdgeControlProcess.ShippedScenario, "--policy", "load-aware", "--requests", "500");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("load-aware on 'paper-mobilenet', 500 requests", result.Stdout, StringComparison.Ordinal);
        var closed = result.Stdout.IndexOf("closed-loop score", StringComparison.Ordinal);
        var open = result.Stdout.IndexOf("open-loop score", StringComparison.Ordinal);
        Assert.InRange(closed, 0, open - 1);
        Assert.Contains("(standard error 0.0", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_written_by_run_one_is_run_with_both_scores()
    {
        Assert.True(checkpoint.Training.ExitCode == 0, $"bench run-one: exit {checkpoint.Training.ExitCode}: {checkpoint.Training.Stderr}");

        var report = SimulateJson("--checkpoint", checkpoint.Path, "--requests", "300");

        Assert.Equal("hl", report.GetProperty("policy").GetString());
        Assert.Equal("hl", report.GetProperty("checkpoint").GetProperty("agent").GetString());
        Assert.Equal("paper-mobilenet", report.GetProperty("checkpoint").GetProperty("scenario").GetString());
        Assert.Equal(TrainedCheckpoint.RealInteractions, report.GetProperty("checkpoint").GetProperty("realInteractions").GetInt64());
        Assert.Equal(300, report.GetProperty("requests").GetInt32());
        Assert.True(double.IsFinite(report.GetProperty("closedLoop").GetProperty("score").GetDouble()));
        Assert.True(double.IsFinite(report.GetProperty("openLoopScore").GetDouble()));
    }

    [Fact]
    public void A_checkpoint_decides_the_same_every_time()
    {
        string[] args = ["simulate", "--scenario", EdgeControlProcess.ShippedScenario, "--checkpoint", checkpoint.Path, "--requests", "200"];

        var first = EdgeControlProcess.Run(args);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("checkpoint         hl (default), seed 1, 10 real interactions on 'paper-mobilenet'", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(first.Stdout, EdgeControlProcess.Run(args).Stdout);
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint_exits_2_saying_so()
    {
        var result = EdgeControlProcess.Run("simulate", "--scenario", EdgeControlProcess.ShippedScenario, "--checkpoint", EdgeControlProcess.ShippedScenario);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("option --checkpoint:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("is not an EdgeControl learner checkpoint", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_truncated_checkpoint_exits_2_saying_so()
    {
        var bytes = File.ReadAllBytes(checkpoint.Path);
        var damaged = Path.Combine(Path.GetDirectoryName(checkpoint.Path)!, "truncated.checkpoint");
        File.WriteAllBytes(damaged, bytes[..(bytes.Length / 2)]);

        var result = EdgeControlProcess.Run("simulate", "--scenario", EdgeControlProcess.ShippedScenario, "--checkpoint", damaged);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("truncated or corrupt", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_of_another_scenario_shape_exits_2_naming_both_shapes()
    {
        var otherShape = Path.Combine(EdgeControlProcess.RepositoryRoot, "scenarios", "distant-cloud.json"); // three servers, not two

        var result = EdgeControlProcess.Run("simulate", "--scenario", otherShape, "--checkpoint", checkpoint.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("was trained on 'paper-mobilenet' (2 servers, 2 device classes, 16 model variants) and cannot decide on 'distant-cloud' (3 servers", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--policy", "greedy", "--checkpoint", "x" }, "either --policy NAME or --checkpoint FILE")]
    [InlineData(new string[0], "either --policy NAME or --checkpoint FILE")]
    [InlineData(new[] { "--checkpoint", "/no/such/checkpoint" }, "option --checkpoint names the file '/no/such/checkpoint', which does not exist")]
    public void Policy_and_checkpoint_are_one_or_the_other_and_a_missing_checkpoint_is_named(string[] args, string message)
    {
        var result = EdgeControlProcess.Run(["simulate", "--scenario", EdgeControlProcess.ShippedScenario, .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_policy_exits_2_naming_it()
    {
        var result = EdgeControlProcess.Run("simulate", "--scenario", EdgeControlProcess.ShippedScenario, "--policy", "psychic", "--requests", "100");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'psychic'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("oracle, random, local, edge, cloud, greedy, load-aware", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_exits_2_naming_it_and_the_closest_option()
    {
        var result = EdgeControlProcess.Run("simulate", "--scenario", EdgeControlProcess.ShippedScenario, "--policy", "oracle", "--requets", "100");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unrecognized command or argument '--requets'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'--requets' was not matched. Did you mean one of the following?\n--requests\n", result.Stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--requests", "many", "--requests must be a whole number")]
    [InlineData("--requests", "0", "--requests must be between 1")]
    [InlineData("--closed-loop-seeds", "0", "--closed-loop-seeds must be between 1")]
    [InlineData("--closed-loop-requests", "0", "--closed-loop-requests must be between 1")]
    public void A_bad_option_value_exits_2_naming_the_option(string option, string value, string message)
    {
        var result = EdgeControlProcess.Run("simulate", "--scenario", EdgeControlProcess.ShippedScenario, "--policy", "oracle", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_option_exits_2_naming_it()
    {
        var result = EdgeControlProcess.Run("simulate", "--policy", "oracle");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Option '--scenario' is required", result.Stderr, StringComparison.Ordinal);
    }
}
