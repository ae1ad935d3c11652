using System.Net;
using System.Net.Http.Json;
using EdgeControl.Agents.Dqn;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;
using EdgeControl.Data;
using EdgeControl.Web.Cluster;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Training;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EdgeControl.Web.Tests;

/// <summary>
/// Two control-plane instances on one database: one trains (it holds the trainer lease), the other follows and
/// serves the trainer's policy; the follower takes over when the trainer is cut off, and a trainer whose lease was
/// taken writes nothing more.
/// </summary>
public sealed class TrainerLeaseTests : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task Only_the_lease_holder_trains_and_the_other_instance_follows_its_run()
    {
        await using var a = ClusterInstance.Start("trainer-a", _connectionString, FastTraining.Settings());
        await Eventually.HoldsAsync(a.App, db => db.Checkpoints.AnyAsync());
        await using var b = ClusterInstance.Start("standby-b", _connectionString, FastTraining.Settings());
        var (trainer, standby) = (a.Get<Orchestrator>(), b.Get<Orchestrator>());

        var followed = await Eventually.ReachesAsync(() => standby.Snapshot, s => s.State == OrchestratorState.Following && s.RealInteractions > 0);
        var run = Assert.Single(await Eventually.QueryAsync(a.App, db => db.TrainingRuns.AsNoTracking().ToListAsync()));
        var lease = await b.Get<TrainerLease>().ReadAsync(CancellationToken.None);

        Assert.Equal("trainer-a", followed.Trainer);
        Assert.Equal(run.Id, followed.RunId);
        Assert.Equal(run.Id, trainer.CurrentRunId);
        Assert.Null(standby.CurrentRunId);
        Assert.Equal(("trainer-a", 1L), (lease!.Holder, lease.Epoch));
        Assert.Null(b.Get<TrainerLease>().Held);
    }

    [Fact]
    public async Task A_policy_the_trainer_publishes_is_served_by_the_other_instance()
    {
        // Only serving-policy checkpoints (one per evaluation, about one a second at this pace), so the latest stored
        // checkpoint is always the policy the trainer announced last.
        var settings = FastTraining.Settings(("Orchestrator:StepsPerSecond", "40"), ("Orchestrator:CheckpointEvery", "100000000"));
        await using var a = ClusterInstance.Start("trainer-a", _connectionString, settings);
        await Eventually.HoldsAsync(a.App, db => db.Checkpoints.AnyAsync());
        await using var b = ClusterInstance.Start("standby-b", _connectionString, settings);
        var knownBeforeB = await Eventually.QueryAsync(a.App, db => db.Checkpoints.MaxAsync(c => c.Id));
        var decisions = b.Get<DecisionService>();
        await Eventually.HoldsAsync(() => decisions.Scenario is not null);
        var requests = EvaluationSet.Create(decisions.Scenario!).Requests.Take(300).ToList();

        // The trainer moves on meanwhile: wait until the standby answers exactly as the latest announced checkpoint does.
        await Eventually.HoldsAsync(async () =>
        {
            var latest = await Eventually.QueryAsync(a.App, db => db.Checkpoints.AsNoTracking().OrderByDescending(c => c.Id).FirstAsync());
            // Well past what the standby could have read at its start: only an announcement brings it this one.
            if (latest.Id < knownBeforeB + 3)
            {
                return false;
            }

            using var policy = (DqnAgent)LearnerCatalog.Default("dqn").Create(decisions.Scenario!, 1);
            Checkpoint.FromBytes(policy, latest.Weights);
            var expected = policy.ActGreedy(requests);
            var served = requests.Select((r, i) => decisions.Decide($"r{i}", r, explore: false).Action).ToArray();
            return expected.SequenceEqual(served);
        });
    }

    [Fact]
    public async Task The_standby_takes_over_a_trainer_cut_off_from_the_database_and_resumes_from_its_checkpoint()
    {
        var direct = new NpgsqlConnectionStringBuilder(_connectionString);
        await using var proxy = new TcpProxy(new Uri($"tcp://{direct.Host}:{direct.Port}"));
        var viaProxy = new NpgsqlConnectionStringBuilder(_connectionString) { Host = "127.0.0.1", Port = proxy.Address.Port, Timeout = 3 }.ConnectionString;
        await using var a = ClusterInstance.Start("trainer-a", viaProxy, FastTraining.Settings(("Orchestrator:StepsPerSecond", "100")));
        await Eventually.HoldsAsync(a.App, db => db.Checkpoints.AnyAsync(c => c.RealInteractions >= 100));
        await using var b = ClusterInstance.Start("standby-b", _connectionString, FastTraining.Settings(("Orchestrator:StepsPerSecond", "100")));
        var (trainer, standby) = (a.Get<Orchestrator>(), b.Get<Orchestrator>());
        await Eventually.HoldsAsync(() => standby.Snapshot.State == OrchestratorState.Following);
        var runId = trainer.CurrentRunId;

        // A network partition: the trainer can neither renew its lease nor write, and is not told.
        proxy.Refuse = true;
        proxy.CutAll();
        var checkpointed = await Eventually.QueryAsync(b.App, db => db.Checkpoints.MaxAsync(c => c.RealInteractions));

        await Eventually.HoldsAsync(() => trainer.CurrentRunId is null);
        await Eventually.HoldsAsync(() => standby.CurrentRunId == runId && standby.Snapshot.State == OrchestratorState.Learning);
        var lease = await b.Get<TrainerLease>().ReadAsync(CancellationToken.None);
        Assert.Equal(("standby-b", 2L), (lease!.Holder, lease.Epoch));
        Assert.True(a.Logged("Trainer lease lost by trainer-a (epoch 1): no renewal succeeded"), "the cut-off trainer said why it stopped");
        Assert.True(b.Logged($"learning from its last checkpoint at {checkpointed} real interactions"), $"the new trainer resumed from the checkpoint at {checkpointed}");
        await Eventually.HoldsAsync(b.App, db => db.CurvePoints.AnyAsync(p => p.RunId == runId && p.RealInteractions > checkpointed));
        Assert.Equal(TrainingRunStatuses.Running, (await Eventually.QueryAsync(b.App, db => db.TrainingRuns.SingleAsync())).Status);
    }

    [Fact]
    public async Task A_trainer_whose_lease_was_taken_stops_learning_and_its_later_writes_are_fenced_out()
    {
        // Renewing rarely, so the next write, not the next renewal, is what meets the new epoch.
        await using var a = ClusterInstance.Start("trainer-a", _connectionString, FastTraining.Settings(
            ("Cluster:LeaseDuration", "00:10:00"), ("Cluster:LeaseRenewInterval", "00:04:00"), ("Orchestrator:StepsPerSecond", "100")));
        var trainer = a.Get<Orchestrator>();
        await Eventually.HoldsAsync(a.App, db => db.CurvePoints.AnyAsync(p => p.RealInteractions >= 40));
        var runId = trainer.CurrentRunId;

        // Taken by an instance this test plays: once this commits, no write of epoch 1 can commit (the fence holds the row FOR SHARE).
        await ExecuteAsync("UPDATE trainer_lease SET holder = 'intruder', epoch = epoch + 1, expires_at = now() + interval '1 hour'");
        var pointsAtTakeOver = await Eventually.QueryAsync(a.App, db => db.CurvePoints.MaxAsync(p => p.RealInteractions));
        var checkpointsAtTakeOver = await Eventually.QueryAsync(a.App, db => db.Checkpoints.MaxAsync(c => c.Id));

        await Eventually.HoldsAsync(() => trainer.CurrentRunId is null);
        Assert.True(a.Logged($"Training run {runId}:") && a.Logged("writes fenced out and dropped"), "the dropped writes were logged");
        Assert.True(a.Logged("Trainer lease lost by trainer-a (epoch 1): a write of run"), "the trainer said why it stopped");
        Assert.Equal(OrchestratorState.Following, trainer.Snapshot.State);
        Assert.Equal(pointsAtTakeOver, await Eventually.QueryAsync(a.App, db => db.CurvePoints.MaxAsync(p => p.RealInteractions)));
        Assert.Equal(checkpointsAtTakeOver, await Eventually.QueryAsync(a.App, db => db.Checkpoints.MaxAsync(c => c.Id)));
        Assert.Equal(TrainingRunStatuses.Running, (await Eventually.QueryAsync(a.App, db => db.TrainingRuns.SingleAsync())).Status);
    }

    [Fact]
    public async Task An_admin_starts_and_stops_a_run_on_the_instance_that_does_not_train_and_the_trainer_follows()
    {
        await using var a = ClusterInstance.Start("trainer-a", _connectionString, FastTraining.Settings());
        await Eventually.HoldsAsync(a.App, db => db.CurvePoints.AnyAsync());
        await using var b = ClusterInstance.Start("standby-b", _connectionString, FastTraining.Settings());
        var trainer = a.Get<Orchestrator>();
        var first = trainer.CurrentRunId!.Value;
        await Eventually.HoldsAsync(() => b.Get<Orchestrator>().Snapshot.State == OrchestratorState.Following);
        using var admin = b.App.CreateClient();
        await SignIn.AsAdminAsync(admin);

        using var started = await admin.PostAsJsonAsync(new Uri("/api/v1/training-runs", UriKind.Relative), new { agent = "qlearning" });

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var run = (await started.Content.ReadFromJsonAsync<TrainingRunResponse>())!;
        Assert.Equal("qlearning", run.Agent);
        await Eventually.HoldsAsync(() => trainer.CurrentRunId == run.Id);
        Assert.Equal(TrainingRunStatuses.Stopped, (await Eventually.QueryAsync(a.App, db => db.TrainingRuns.SingleAsync(r => r.Id == first))).Status);
        await Eventually.HoldsAsync(a.App, db => db.CurvePoints.AnyAsync(p => p.RunId == run.Id));

        using var stopped = await DashboardRequest.SendAsync(admin, HttpMethod.Post, $"/api/v1/training-runs/{run.Id}/stop");

        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal("stopped", (await stopped.Content.ReadFromJsonAsync<TrainingRunResponse>())!.Status);
        await Eventually.HoldsAsync(() => trainer.CurrentRunId is null && trainer.Snapshot.State == OrchestratorState.Idle);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
