using System.Net.Http.Json;
using EdgeControl.Data;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>Live mode: the orchestrator learns only from what devices report (read from the decision log), never from the twin.</summary>
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
        // The run has begun: its curve starts at 0 real interactions.
        await Eventually.HoldsAsync(app, db => db.CurvePoints.AnyAsync(p => p.RealInteractions == 0));

        await LoggedOutcomes.WriteAsync(_connectionString, await LoggedOutcomes.NewDeviceAsync(_connectionString), 30, firstSequence: 1);

        // Once the last outcome is learned from (the point at 30), the run counts those 30 and not one step more:
        // an interaction with the twin would count too, and put a point where no device outcome did. The outcomes
        // waiting at each turn are learned from as one batch, and an evaluation or checkpoint due inside a batch is
        // taken once after it: how the 30 were split into batches decides the points between 0 and 30.
        await Eventually.HoldsAsync(app, db => db.CurvePoints.AnyAsync(p => p.RealInteractions == 30));
        Assert.Equal(30, orchestrator.Snapshot.RealInteractions);
        var curve = await CurveAsync(app, orchestrator.CurrentRunId);
        Assert.Equal((0L, 30L), (curve[0], curve[^1]));
        Assert.All(curve, p => Assert.InRange(p, 0, 30));
        // A checkpoint is queued after the evaluation of the same batch: it may be stored just after the point.
        await Eventually.HoldsAsync(app, db => db.Checkpoints.AnyAsync(c => c.RealInteractions >= 20 && c.RealInteractions <= 30));
    }

    [Fact]
    public async Task Checkpoints_due_by_steps_wait_for_CheckpointAtMostEvery_and_the_one_on_stop_is_always_written()
    {
        // Evaluations (which store the serving policy) only at the start: what is stored after it is the step checkpoints.
        var settings = FastTraining.Settings(
            ("Orchestrator:Mode", "live"), ("Orchestrator:EvaluateEvery", "1000000"), ("Orchestrator:LongestEvaluationInterval", "1000000"),
            ("Orchestrator:CheckpointEvery", "10"), ("Orchestrator:CheckpointAtMostEvery", "01:00:00"));
        Guid runId;
        await using (var app = new EdgeControlAppFactory(_connectionString, settings: settings))
        {
            _ = app.Server;
            var orchestrator = app.Services.GetRequiredService<Orchestrator>();
            await Eventually.HoldsAsync(app, db => db.CurvePoints.AnyAsync(p => p.RealInteractions == 0));
            runId = orchestrator.CurrentRunId!.Value;
            var device = await LoggedOutcomes.NewDeviceAsync(_connectionString);

            // The first checkpoint due by steps is written; the next ones (due at 20, 30, 40) fall within the hour.
            await LoggedOutcomes.WriteAsync(_connectionString, device, 10, firstSequence: 1);
            await Eventually.HoldsAsync(app, db => db.Checkpoints.AnyAsync(c => c.RunId == runId && c.RealInteractions >= 10));
            for (var batch = 1; batch <= 3; batch++)
            {
                await LoggedOutcomes.WriteAsync(_connectionString, device, 10, firstSequence: 1 + (10 * batch));
                await Eventually.HoldsAsync(() => orchestrator.Snapshot.RealInteractions == 10 * (batch + 1));
            }
        }

        // Stopped: its last checkpoint, at 40, was written on the way out.
        await using var db = new EdgeControlDbContext(new DbContextOptionsBuilder<EdgeControlDbContext>().UseNpgsql(_connectionString).Options);
        var stored = await db.Checkpoints.Where(c => c.RunId == runId).OrderBy(c => c.RealInteractions).Select(c => c.RealInteractions).ToListAsync();
        Assert.Equal(0, stored[0]);
        Assert.InRange(stored[1], 10, 19);
        Assert.Equal(40, stored[^1]);
        Assert.Equal(3, stored.Count);
    }

    [Fact]
    public async Task A_run_started_in_live_mode_over_rest_keeps_its_mode()
    {
        await using var app = new EdgeControlAppFactory(_connectionString, settings: FastTraining.Settings());
        using var admin = app.CreateClient();
        await SignIn.AsAdminAsync(admin);

        using var started = await admin.PostAsJsonAsync(new Uri("/api/v1/training-runs", UriKind.Relative), new { mode = "live", agent = "dqn" });

        started.EnsureSuccessStatusCode();
        var run = await started.Content.ReadFromJsonAsync<TrainingRunResponse>();
        Assert.NotNull(run);
        var stored = await Eventually.QueryAsync(app, db => db.TrainingRuns.SingleAsync(r => r.Id == run.Id));
        Assert.Equal("live", System.Text.Json.JsonDocument.Parse(stored.Options).RootElement.GetProperty("mode").GetString());

        // It learns from device outcomes only: once the 20 written are learned from (its point at 20), it has made
        // exactly 20 real interactions. The run that was replaced (on the twin) had points of its own: filtered by run.
        await Eventually.HoldsAsync(app, db => db.CurvePoints.AnyAsync(p => p.RunId == run.Id));
        await LoggedOutcomes.WriteAsync(_connectionString, await LoggedOutcomes.NewDeviceAsync(_connectionString), 20, firstSequence: 1);
        await Eventually.HoldsAsync(app, db => db.CurvePoints.AnyAsync(p => p.RunId == run.Id && p.RealInteractions == 20));
        var orchestrator = app.Services.GetRequiredService<Orchestrator>();
        Assert.Equal(run.Id, orchestrator.CurrentRunId);
        Assert.Equal(20, orchestrator.Snapshot.RealInteractions);
        Assert.Equal([0L, 20L], await CurveAsync(app, run.Id));
    }

    /// <summary>The real interactions at which <paramref name="runId"/>'s curve has points, in order.</summary>
    private static Task<List<long>> CurveAsync(EdgeControlAppFactory app, Guid? runId) =>
        Eventually.QueryAsync(app, db => db.CurvePoints.Where(p => p.RunId == runId).Select(p => p.RealInteractions).OrderBy(r => r).ToListAsync());
}
