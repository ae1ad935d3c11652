using System.Net.Http.Json;
using EdgeControl.Core.Scenarios;
using EdgeControl.Core.Simulation;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Tests;

/// <summary>Live mode: the orchestrator learns only from what connected devices report, never from the twin.</summary>
public sealed class LiveModeTests : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task Every_device_outcome_is_one_real_interaction_and_nothing_else_is()
    {
        await using var app = new EdgeControlAppFactory(_connectionString, settings: FastTraining.Settings(("Orchestrator:Mode", "live"), ("Orchestrator:EvaluateEvery", "10"), ("Orchestrator:CheckpointEvery", "20")));
        _ = app.Server;
        var orchestrator = app.Services.GetRequiredService<Orchestrator>();
        await Eventually.HoldsAsync(app, db => db.CurvePoints.AnyAsync(p => p.RealInteractions == 0));
        await Task.Delay(500);
        Assert.Equal(0, orchestrator.Snapshot.RealInteractions);

        // What the device hub writes for each outcome a device reports.
        var scenario = ScenarioLoader.Load(app.Services.GetRequiredService<IOptions<OrchestratorOptions>>().Value.ScenarioPath);
        var twin = new EdgeCloudTwin(scenario);
        var request = twin.Reset(5);
        var live = app.Services.GetRequiredService<LiveExperiences>();
        for (var i = 0; i < 30; i++)
        {
            var action = i % twin.Actions.Count;
            var result = twin.Step(action);
            live.Write(new LiveExperience(Guid.NewGuid(), request, action, result.Outcome, result.Reward, DateTimeOffset.UtcNow));
            request = result.Next;
        }

        await Eventually.HoldsAsync(app, db => db.CurvePoints.AnyAsync(p => p.RealInteractions == 30));
        Assert.Equal(30, orchestrator.Snapshot.RealInteractions);
        Assert.True(await Eventually.QueryAsync(app, db => db.Checkpoints.AnyAsync(c => c.RealInteractions == 20)));
    }

    [Fact]
    public async Task A_run_started_in_live_mode_over_rest_keeps_its_mode()
    {
        await using var app = new EdgeControlAppFactory(_connectionString, settings: FastTraining.Settings());
        using var admin = app.CreateClient();
        await SignIn.AsAdminAsync(admin);

        using var started = await admin.PostAsJsonAsync(new Uri("/api/v1/training-runs", UriKind.Relative), new { mode = "live", agent = "dqn" });

        started.EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(app, db => db.CurvePoints.AnyAsync());
        await Task.Delay(500);
        var orchestrator = app.Services.GetRequiredService<Orchestrator>();
        Assert.Equal(0, orchestrator.Snapshot.RealInteractions);
        var stored = await Eventually.QueryAsync(app, db => db.TrainingRuns.SingleAsync(r => r.Id == orchestrator.CurrentRunId));
        Assert.Equal("live", System.Text.Json.JsonDocument.Parse(stored.Options).RootElement.GetProperty("mode").GetString());
    }
}
