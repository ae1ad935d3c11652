using System.Text.Json;

namespace EdgeControl.Cli.Tests;

/// <summary><c>edgecontrol simulate</c>: one non-learning policy on the twin.</summary>
public class SimulateCommandTests
{
    private static readonly string[] ReportFields =
        ["policy", "requests", "meanLatencyMs", "meanEnergyJ", "violationRate", "meanReward", "normalizedScore"];

    private static JsonElement SimulateJson(string policy, int requests)
    {
        var result = EdgeControlProcess.Run("simulate", "--scenario", EdgeControlProcess.ShippedScenario,
            "--policy", policy, "--requests", requests.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    [Fact]
    public void Json_output_is_one_object_with_the_report_fields()
    {
        var report = SimulateJson("greedy", 2000);

        Assert.Equal(JsonValueKind.Object, report.ValueKind);
        var names = report.EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(ReportFields, field => Assert.Contains(field, names));
        Assert.Equal("greedy", report.GetProperty("policy").GetString());
        Assert.Equal(2000, report.GetProperty("requests").GetInt32());
        Assert.True(report.GetProperty("meanLatencyMs").GetDouble() > 0);
        Assert.True(report.GetProperty("meanEnergyJ").GetDouble() > 0);
        Assert.InRange(report.GetProperty("violationRate").GetDouble(), 0, 1);
        Assert.True(report.GetProperty("meanReward").GetDouble() < 0);
    }

    [Fact]
    public void The_oracles_normalised_score_is_one()
    {
        var report = SimulateJson("oracle", 2000);

        Assert.Equal("oracle", report.GetProperty("policy").GetString());
        Assert.Equal(1.0, report.GetProperty("normalizedScore").GetDouble());
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
    public void Text_output_names_the_policy_and_the_scenario()
    {
        var result = EdgeControlProcess.Run("simulate", "--scenario", EdgeControlProcess.ShippedScenario, "--policy", "edge", "--requests", "500");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("edge on 'paper-mobilenet', 500 requests", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("normalised score", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_policy_exits_2_naming_it()
    {
        var result = EdgeControlProcess.Run("simulate", "--scenario", EdgeControlProcess.ShippedScenario, "--policy", "psychic", "--requests", "100");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'psychic'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("oracle, random, local, edge, cloud, greedy", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_exits_2_naming_it()
    {
        var result = EdgeControlProcess.Run("simulate", "--scenario", EdgeControlProcess.ShippedScenario, "--policy", "oracle", "--requets", "100");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option --requets", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--requests", "many", "--requests must be a whole number")]
    [InlineData("--requests", "0", "--requests must be between 1")]
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
        Assert.Contains("--scenario is required", result.Stderr, StringComparison.Ordinal);
    }
}
