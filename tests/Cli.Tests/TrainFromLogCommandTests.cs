using System.Text.Json;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Scenarios;
using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace EdgeControl.Cli.Tests;

/// <summary>
/// <c>edgecontrol train --from-log</c> against real PostgreSQL: the decision log of the hybrid agent learning online on
/// the twin (exploring epsilon-greedy, every decision logged with its probability), learned again offline.
/// </summary>
public sealed class TrainFromLogCommandTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Real interactions of the online learner: past its first convergence (about 50 on this scenario), short enough for a test.</summary>
    private const int LoggedRequests = 150;

    private ControlPlaneDatabase _database = null!;

    public async Task InitializeAsync() => _database = await ControlPlaneDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <remarks>
    /// The comparison is with the learner that logged the rows: the same agent, trained online on the same experiences
    /// in the order it met them (and on the true next requests, which the log does not hold), scored the same way.
    /// </remarks>
    [Fact]
    public async Task A_learner_trained_from_the_log_scores_within_0_02_of_the_online_learner_that_logged_it_and_is_stored_for_a_warm_start()
    {
        var scenario = ScenarioLoader.Load(EdgeControlProcess.ShippedScenario);
        TorchThreads.UseOne();
        var online = LearnerCatalog.Default("hl").Create(scenario, 7);
        double onlineScore;
        try
        {
            var log = LoggedTwinRun.Record(scenario, LoggedRequests, seed: 7, r => online.Serve(r, explore: true, []), online.Learn);
            onlineScore = PolicyEvaluation.Create(scenario).Score(online.ActGreedy).ClosedLoop;
            await _database.LogAsync(log.Rows);
        }
        finally
        {
            (online as IDisposable)?.Dispose();
        }

        var result = EdgeControlProcess.Run("train", "--from-log", "--connection", _database.ConnectionString, "--scenario", EdgeControlProcess.ShippedScenario,
            "--agent", "hl", "--json");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        var offlineScore = root.GetProperty("closedLoopScore").GetDouble();
        Assert.Equal(LoggedRequests, root.GetProperty("rowsUsed").GetInt32());
        Assert.Equal(0, root.GetProperty("rowsSkipped").GetInt32());
        output.WriteLine($"closed-loop score: online {onlineScore:0.000}, trained from its log {offlineScore:0.000}");
        output.WriteLine(result.Stderr + result.Stdout);
        Assert.True(offlineScore >= onlineScore - 0.02, $"offline closed-loop score {offlineScore:0.000}, online {onlineScore:0.000}");

        var runId = root.GetProperty("runId").GetGuid();
        await using var db = _database.Context();
        var run = await db.TrainingRuns.SingleAsync(r => r.Id == runId);
        Assert.Equal(("hl", scenario.Name, TrainingRunStatuses.Stopped), (run.Agent, run.ScenarioName, run.Status));
        using var options = JsonDocument.Parse(run.Options);
        Assert.Equal("log", options.RootElement.GetProperty("mode").GetString());
        Assert.Equal(LoggedRequests, options.RootElement.GetProperty("fromLog").GetProperty("rowsUsed").GetInt32());
        // The control plane's warm start takes the newest checkpoint of any run of the same agent on the same scenario.
        var warmStart = await db.Checkpoints
            .Where(c => db.TrainingRuns.Any(r => r.Id == c.RunId && r.Agent == "hl" && r.ScenarioName == scenario.Name))
            .OrderByDescending(c => c.CreatedAt)
            .FirstAsync();
        Assert.Equal(runId, warmStart.RunId);
        var restored = LearnerCatalog.Default("hl").Create(scenario, 1);
        try
        {
            Checkpoint.FromBytes((ICheckpointable)restored, warmStart.Weights);
            Assert.Equal(offlineScore, PolicyEvaluation.Create(scenario).Score(restored.ActGreedy).ClosedLoop, precision: 9);
        }
        finally
        {
            (restored as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void An_empty_window_is_one_sentence_naming_since()
    {
        var result = EdgeControlProcess.Run("train", "--from-log", "--connection", _database.ConnectionString, "--scenario", EdgeControlProcess.ShippedScenario,
            "--agent", "hl", "--since", "2030-01-01T00:00:00Z");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("edgecontrol: train: the decision log has no rows observed at or after 2030-01-01T00:00:00.0000000+00:00 (option --since).", result.Stderr.Trim());
    }
}
