using System.Text.Json.Nodes;

namespace EdgeControl.Cli.Tests;

/// <summary><c>edgecontrol scenario validate FILE</c>.</summary>
public class ScenarioValidateCommandTests
{
    [Fact]
    public void The_shipped_scenario_validates_with_a_summary_naming_it()
    {
        var result = EdgeControlProcess.Run("scenario", "validate", EdgeControlProcess.ShippedScenario);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Scenario 'paper-mobilenet' is valid", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("edge-1", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void A_broken_scenario_exits_2_naming_the_field()
    {
        var scenario = JsonNode.Parse(File.ReadAllText(EdgeControlProcess.ShippedScenario))!;
        scenario["users"]![0]!["sloMs"] = -200;

        using var file = new TemporaryScenarioFile(scenario.ToJsonString());
        var result = EdgeControlProcess.Run("scenario", "validate", file.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("users[0].sloMs: must be a positive number (got -200)", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_scenario_with_an_unknown_property_exits_2_naming_it()
    {
        using var file = new TemporaryScenarioFile("""{ "name": "x", "sede": 1 }""");
        var result = EdgeControlProcess.Run("scenario", "validate", file.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sede: unknown property 'sede'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_exits_2_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-scenario-{Guid.NewGuid():N}.json");

        var result = EdgeControlProcess.Run("scenario", "validate", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(path, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_without_a_file_exits_2()
    {
        var result = EdgeControlProcess.Run("scenario", "validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Required argument 'FILE' missing", result.Stderr, StringComparison.Ordinal);
    }
}
