using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeControl.Data;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>Starting and stopping training runs over REST: admins only, with problem details for bad requests.</summary>
public sealed class TrainingRunControlTests : IAsyncLifetime
{
    private static readonly Uri Runs = new("/api/v1/training-runs", UriKind.Relative);

    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task Retraining_is_refused_to_anonymous_callers_and_operators()
    {
        await using var app = new EdgeControlAppFactory(_connectionString);
        using var anonymous = app.CreateClient();
        using var operatorClient = app.CreateClient();
        await SignIn.AsNewOperatorAsync(app.Services, operatorClient);

        using var anonymousStart = await anonymous.PostAsJsonAsync(Runs, new { agent = "dqn" });
        using var forgedStart = await operatorClient.PostAsJsonAsync(Runs, new { agent = "dqn" });
        using var forgedStop = await DashboardRequest.SendAsync(operatorClient, HttpMethod.Post, $"/api/v1/training-runs/{Guid.NewGuid()}/stop");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousStart.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forgedStart.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forgedStop.StatusCode);
        Assert.Empty(await Eventually.QueryAsync(app, db => db.TrainingRuns.ToListAsync()));
    }

    [Theory]
    [InlineData("""{ "agent": "sarsa" }""", "agent")]
    [InlineData("""{ "scenario": "../../etc/passwd" }""", "scenario")]
    [InlineData("""{ "scenario": "no-such-scenario" }""", "scenario")]
    [InlineData("""{ "seed": -1 }""", "seed")]
    [InlineData("""{ "stepsPerSecond": -5 }""", "stepsPerSecond")]
    [InlineData("""{ "stepsPerSecond": 1e9 }""", "stepsPerSecond")]
    [InlineData("""{ "evaluateEvery": 0 }""", "evaluateEvery")]
    [InlineData("""{ "checkpointEvery": 0 }""", "checkpointEvery")]
    [InlineData("""{ "warmStart": "yes" }""", "warmStart")]
    [InlineData("""{ "learningRate": 0.1 }""", "learningRate")]
    [InlineData("""{ "warmStartFrom": "not-a-run" }""", "warmStartFrom")]
    [InlineData("""{ "warmStartFrom": "0193a4b2-0000-7000-8000-000000000001" }""", "warmStartFrom")]
    public async Task A_bad_start_request_is_400_naming_the_field(string body, string field)
    {
        await using var app = new EdgeControlAppFactory(_connectionString);
        using var admin = app.CreateClient();
        await SignIn.AsAdminAsync(admin);

        using var response = await admin.PostAsync(Runs, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.DoesNotContain("System.", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_starts_a_run_that_replaces_the_current_one_learns_and_can_be_stopped()
    {
        await using var app = new EdgeControlAppFactory(_connectionString, settings: FastTraining.Settings());
        using var admin = app.CreateClient();
        await SignIn.AsAdminAsync(admin);
        var orchestrator = app.Services.GetRequiredService<Orchestrator>();
        await Eventually.HoldsAsync(app, db => db.TrainingRuns.AnyAsync());
        var first = orchestrator.CurrentRunId;

        using var started = await admin.PostAsJsonAsync(Runs, new { agent = "qlearning", scenario = "crowded-edge", evaluateEvery = 50 });

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var run = await started.Content.ReadFromJsonAsync<TrainingRunResponse>();
        Assert.NotNull(run);
        Assert.Equal("qlearning", run.Agent);
        Assert.Equal("crowded-edge", run.ScenarioName);
        Assert.Equal(run.Id, orchestrator.CurrentRunId);
        var replaced = await Eventually.QueryAsync(app, db => db.TrainingRuns.SingleAsync(r => r.Id == first));
        Assert.Equal(TrainingRunStatuses.Stopped, replaced.Status);
        await Eventually.HoldsAsync(app, db => db.CurvePoints.AnyAsync(p => p.RunId == run.Id && p.RealInteractions >= 100));

        using var stopped = await DashboardRequest.SendAsync(admin, HttpMethod.Post, $"/api/v1/training-runs/{run.Id}/stop");
        using var stoppedAgain = await DashboardRequest.SendAsync(admin, HttpMethod.Post, $"/api/v1/training-runs/{run.Id}/stop");

        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal("stopped", (await stopped.Content.ReadFromJsonAsync<TrainingRunResponse>())!.Status);
        Assert.Equal(HttpStatusCode.Conflict, stoppedAgain.StatusCode);
        Assert.Null(orchestrator.CurrentRunId);
        Assert.Equal(OrchestratorState.Idle, orchestrator.Snapshot.State);
    }

    [Fact]
    public async Task A_warm_start_continues_from_the_latest_checkpoint_of_the_same_learner_and_scenario()
    {
        await using var app = new EdgeControlAppFactory(_connectionString, settings: FastTraining.Settings());
        using var admin = app.CreateClient();
        await SignIn.AsAdminAsync(admin);
        await Eventually.HoldsAsync(app, db => db.Checkpoints.AnyAsync(c => c.RealInteractions >= 100));
        var first = app.Services.GetRequiredService<Orchestrator>().CurrentRunId!.Value;

        using var started = await admin.PostAsJsonAsync(Runs, new { warmStart = true });
        var run = (await started.Content.ReadFromJsonAsync<TrainingRunResponse>())!;

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        // The old run's last checkpoint was written when it stopped, so the new run starts at least where it was.
        var checkpointed = await Eventually.QueryAsync(app, db => db.Checkpoints.Where(c => c.RunId == first).MaxAsync(c => c.RealInteractions));
        Assert.Equal(checkpointed, run.RealInteractions);
        var stored = await Eventually.QueryAsync(app, db => db.TrainingRuns.SingleAsync(r => r.Id == run.Id));
        Assert.Contains(first.ToString(), stored.Options, StringComparison.Ordinal);
        await Eventually.HoldsAsync(app, db => db.CurvePoints.AnyAsync(p => p.RunId == run.Id));
        var firstPoint = await Eventually.QueryAsync(app, db => db.CurvePoints.Where(p => p.RunId == run.Id).MinAsync(p => p.RealInteractions));
        Assert.Equal(checkpointed, firstPoint);
    }

    [Fact]
    public async Task A_warm_start_from_a_named_run_continues_from_that_runs_checkpoint_not_the_newest_one()
    {
        await using var app = new EdgeControlAppFactory(_connectionString, settings: FastTraining.Settings());
        using var admin = app.CreateClient();
        await SignIn.AsAdminAsync(admin);
        await Eventually.HoldsAsync(app, db => db.Checkpoints.AnyAsync(c => c.RealInteractions >= 100));
        var named = app.Services.GetRequiredService<Orchestrator>().CurrentRunId!.Value;
        using var fresh = await admin.PostAsJsonAsync(Runs, new { warmStart = false });
        var newer = (await fresh.Content.ReadFromJsonAsync<TrainingRunResponse>())!.Id;
        await Eventually.HoldsAsync(app, db => db.Checkpoints.AnyAsync(c => c.RunId == newer));

        using var started = await admin.PostAsJsonAsync(Runs, new { warmStartFrom = named });
        using var otherLearner = await admin.PostAsJsonAsync(Runs, new { agent = "qlearning", warmStartFrom = named });

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var run = (await started.Content.ReadFromJsonAsync<TrainingRunResponse>())!;
        var checkpointed = await Eventually.QueryAsync(app, db => db.Checkpoints.Where(c => c.RunId == named).MaxAsync(c => c.RealInteractions));
        Assert.Equal(checkpointed, run.RealInteractions);
        var stored = await Eventually.QueryAsync(app, db => db.TrainingRuns.SingleAsync(r => r.Id == run.Id));
        Assert.Contains(named.ToString(), stored.Options, StringComparison.Ordinal);
        Assert.DoesNotContain(newer.ToString(), stored.Options, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, otherLearner.StatusCode);
        var problem = await otherLearner.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("learned", problem.GetProperty("errors").GetProperty("warmStartFrom")[0].GetString(), StringComparison.Ordinal);
    }
}
