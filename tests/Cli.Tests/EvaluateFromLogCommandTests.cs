using System.Text.Json;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Scenarios;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Cli.Tests;

/// <summary>
/// <c>edgecontrol evaluate --from-log</c> against real PostgreSQL: decision logs of an exploring policy on the twin,
/// and estimates of other policies from them compared with what those policies really get on the same requests.
/// </summary>
public sealed class EvaluateFromLogCommandTests : IAsyncLifetime
{
    private static readonly Scenario Paper = ScenarioLoader.Load(EdgeControlProcess.ShippedScenario);

    private ControlPlaneDatabase _database = null!;

    public async Task InitializeAsync() => _database = await ControlPlaneDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_estimate_of_the_logging_policy_is_within_its_interval_of_the_logged_mean_reward()
    {
        var log = LoggedTwinRun.Record(Paper, 1_500, seed: 3, LoggedTwinRun.UniformAmongAllowed(Paper, 3));
        await _database.LogAsync(log.Rows);

        var estimate = Evaluate("logged");

        var loggedMean = estimate.GetProperty("logged").GetProperty("estimate").GetDouble();
        Assert.Equal(log.Rows.Average(r => r.Reward!.Value), loggedMean, precision: 9);
        Assert.Equal(1_500, estimate.GetProperty("matched").GetInt32());
        foreach (var estimator in new[] { "ips", "selfNormalisedIps", "doublyRobust" })
        {
            var interval = estimate.GetProperty(estimator);
            Assert.InRange(loggedMean, interval.GetProperty("low").GetDouble(), interval.GetProperty("high").GetDouble());
        }
    }

    /// <remarks>
    /// The truth is the candidate's expected reward (the twin's noise-free outcome, whose reward is the mean of the
    /// measured one's) on each logged request, averaged: what it would have got deciding those requests. The log's
    /// own mean must lie outside the candidate's intervals, so an estimator that only echoed it would fail.
    /// </remarks>
    [Theory]
    [InlineData("greedy")]
    [InlineData("local")]
    public async Task A_fixed_policy_estimated_from_uniformly_exploring_data_has_intervals_that_contain_its_true_mean_on_the_same_requests(string policy)
    {
        var log = LoggedTwinRun.Record(Paper, 3_000, seed: 5, LoggedTwinRun.UniformAmongAllowed(Paper, 5));
        await _database.LogAsync(log.Rows);
        var candidate = PolicyFactory.Create(policy, Paper, 1);
        var actions = new ActionSpace(Paper);
        var truth = log.Requests.Average(r => Reward.Of(Physics.Expected(Paper, r, actions.Decode(candidate.Decide(r))), r, Paper.Reward));

        var estimate = Evaluate(policy);

        var logged = estimate.GetProperty("logged").GetProperty("estimate").GetDouble();
        foreach (var estimator in new[] { "ips", "selfNormalisedIps", "doublyRobust" })
        {
            var interval = estimate.GetProperty(estimator);
            var (low, high) = (interval.GetProperty("low").GetDouble(), interval.GetProperty("high").GetDouble());
            Assert.True(low <= truth && truth <= high, $"{estimator} of {policy}: [{low:0.0000}, {high:0.0000}] misses the true mean {truth:0.0000}");
            Assert.False(low <= logged && logged <= high, $"{estimator} of {policy}: [{low:0.0000}, {high:0.0000}] holds the logged mean {logged:0.0000} too");
        }
    }

    [Fact]
    public void A_database_that_cannot_be_reached_is_one_sentence_naming_connection()
    {
        var result = EdgeControlProcess.Run("evaluate", "--from-log", "--connection", "Host=127.0.0.1;Port=1;Database=x;Username=x;Timeout=2",
            "--scenario", EdgeControlProcess.ShippedScenario, "--policy", "local");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.StartsWith("edgecontrol: evaluate: option --connection: cannot read the decision log: the database x on 127.0.0.1:1 cannot be reached", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_that_is_not_one_is_refused_naming_connection()
    {
        var result = EdgeControlProcess.Run("evaluate", "--from-log", "--connection", "Hots=127.0.0.1", "--scenario", EdgeControlProcess.ShippedScenario, "--policy", "local");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("option --connection is not a PostgreSQL connection string", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_window_is_one_sentence_naming_since_and_until()
    {
        var result = EdgeControlProcess.Run("evaluate", "--from-log", "--connection", _database.ConnectionString, "--scenario", EdgeControlProcess.ShippedScenario,
            "--policy", "local", "--since", "2030-01-01T00:00:00Z", "--until", "2030-01-02T00:00:00Z");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("edgecontrol: evaluate: the decision log has no rows observed from 2030-01-01T00:00:00.0000000+00:00 to 2030-01-02T00:00:00.0000000+00:00 (options --since and --until).", result.Stderr.Trim());
    }

    [Fact]
    public void An_unknown_policy_is_refused_naming_policy()
    {
        var result = EdgeControlProcess.Run("evaluate", "--from-log", "--connection", _database.ConnectionString, "--scenario", EdgeControlProcess.ShippedScenario, "--policy", "smart");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("option --policy must be one of oracle, random, local, edge, cloud, greedy, load-aware, run:RUN-ID", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_the_database_does_not_hold_is_one_sentence_naming_policy()
    {
        await _database.LogAsync(LoggedTwinRun.Record(Paper, 50, seed: 1, LoggedTwinRun.UniformAmongAllowed(Paper, 1)).Rows);
        var run = Guid.NewGuid();

        var result = EdgeControlProcess.Run("evaluate", "--from-log", "--connection", _database.ConnectionString, "--scenario", EdgeControlProcess.ShippedScenario,
            "--policy", $"run:{run}");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"edgecontrol: evaluate: option --policy names the run {run}, which the database has no training run of.", result.Stderr.Trim());
    }

    private JsonElement Evaluate(string policy)
    {
        var result = EdgeControlProcess.Run("evaluate", "--from-log", "--connection", _database.ConnectionString, "--scenario", EdgeControlProcess.ShippedScenario,
            "--policy", policy, "--json");
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.Clone();
    }
}
