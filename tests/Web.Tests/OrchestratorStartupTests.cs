using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests;

public sealed class OrchestratorStartupTests
{
    [Fact]
    public async Task Start_up_fails_with_one_sentence_naming_a_missing_scenario_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-scenario-{Guid.NewGuid():N}.json");
        await using var app = new EdgeControlAppFactory(
            "Host=127.0.0.1;Database=unused",
            settings: new Dictionary<string, string?> { ["Orchestrator:ScenarioPath"] = missing });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Equal(
            $"The scenario file '{missing}' (Orchestrator:ScenarioPath) cannot be used: scenario file '{missing}' does not exist.",
            error.Message);
    }

    [Fact]
    public async Task Start_up_names_an_unknown_agent()
    {
        await using var app = new EdgeControlAppFactory(
            "Host=127.0.0.1;Database=unused",
            settings: new Dictionary<string, string?> { ["Orchestrator:Agent"] = "sarsa" });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.StartsWith("Orchestrator:Agent 'sarsa' is not a known learner", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_names_a_closed_loop_evaluation_without_trajectories()
    {
        await using var app = new EdgeControlAppFactory(
            "Host=127.0.0.1;Database=unused",
            settings: new Dictionary<string, string?> { ["Orchestrator:ClosedLoop:Seeds"] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Equal("Orchestrator:ClosedLoop:Seeds must be at least 1 trajectory.", error.Message);
    }

    [Fact]
    public async Task Start_up_names_a_negative_serving_average_window()
    {
        await using var app = new EdgeControlAppFactory(
            "Host=127.0.0.1;Database=unused",
            settings: new Dictionary<string, string?> { ["Orchestrator:ServingAverageOver"] = "-00:00:10" });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Equal("Orchestrator:ServingAverageOver must be 0 (the newest policy alone) or a positive time span.", error.Message);
    }

    [Theory]
    [InlineData("Orchestrator:LearnerIdleFloor", "1", "Orchestrator:LearnerIdleFloor must be a fraction from 0 (the learner never rests) up to, not including, 1.")]
    [InlineData("Orchestrator:LearnerIdleFloor", "-0.1", "Orchestrator:LearnerIdleFloor must be a fraction from 0 (the learner never rests) up to, not including, 1.")]
    [InlineData("Orchestrator:LearnerMinimumShare", "0", "Orchestrator:LearnerMinimumShare must be a fraction above 0 and at most 1.")]
    [InlineData("Orchestrator:LearnerMinimumShare", "1.5", "Orchestrator:LearnerMinimumShare must be a fraction above 0 and at most 1.")]
    public async Task Start_up_names_a_learner_share_setting_outside_its_range(string key, string value, string message)
    {
        await using var app = new EdgeControlAppFactory("Host=127.0.0.1;Database=unused", settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Equal(message, error.Message);
    }
}
