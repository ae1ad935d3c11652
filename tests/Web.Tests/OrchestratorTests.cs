using System.Net.Http.Json;
using EdgeControl.Agents.Dqn;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;
using EdgeControl.Data;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>The orchestrator against its own database: learning, persistence, and resuming after a restart.</summary>
public sealed class OrchestratorTests : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task Orchestrator_learns_stores_its_curve_and_checkpoints_and_resumes_the_same_run_after_a_restart()
    {
        Guid runId;
        long checkpointed;
        await using (var first = new EdgeControlAppFactory(_connectionString, settings: FastTraining.Settings()))
        {
            _ = first.Server;
            await Eventually.HoldsAsync(first, db => db.Checkpoints.AnyAsync(c => c.RealInteractions >= 100));
            runId = Assert.Single(await Eventually.QueryAsync(first, db => db.TrainingRuns.ToListAsync())).Id;

            using var client = first.CreateClient();
            await SignIn.AsAdminAsync(client);
            var curve = await client.GetFromJsonAsync<List<CurvePointResponse>>(
                new Uri($"/api/v1/training-runs/{runId}/curve", UriKind.Relative));
            Assert.NotNull(curve);
            Assert.True(curve.Count >= 2, $"expected the first evaluations, got {curve.Count}");
            Assert.Equal(0, curve[0].RealInteractions);
            Assert.Equal(curve.Select(p => p.RealInteractions).Order(), curve.Select(p => p.RealInteractions));
            Assert.All(curve, p => Assert.Equal(0, p.RealInteractions % 20));

            using var health = await client.GetAsync(new Uri("/health/training", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        }

        // Disposing the first app shut it down gracefully, which writes a last checkpoint.
        await using (var second = new EdgeControlAppFactory(_connectionString, settings: FastTraining.Settings()))
        {
            checkpointed = await Eventually.QueryAsync(second, db => db.Checkpoints.MaxAsync(c => c.RealInteractions));
            _ = second.Server;
            var orchestrator = second.Services.GetRequiredService<Orchestrator>();

            await Eventually.HoldsAsync(second, db => db.CurvePoints.AnyAsync(p => p.RealInteractions > checkpointed + 40));

            var run = Assert.Single(await Eventually.QueryAsync(second, db => db.TrainingRuns.ToListAsync()));
            Assert.Equal(runId, run.Id);
            Assert.Equal(TrainingRunStatuses.Running, run.Status);
            Assert.Equal(runId, orchestrator.Snapshot.RunId);
            Assert.True(orchestrator.Snapshot.RealInteractions > checkpointed,
                $"resumed at {orchestrator.Snapshot.RealInteractions}, checkpoint was at {checkpointed}");
            // Continuing from the checkpoint, not from 0: one first evaluation, and the curve keeps rising in steps.
            var points = await Eventually.QueryAsync(second, db => db.CurvePoints.Where(p => p.RunId == runId)
                .OrderBy(p => p.RealInteractions).Select(p => p.RealInteractions).ToListAsync());
            Assert.Single(points, p => p == 0);
            Assert.Equal(points.Distinct(), points);
            Assert.Equal(OrchestratorState.Learning, orchestrator.Snapshot.State);
        }
    }

    [Fact]
    public async Task Curve_points_carry_the_closed_loop_score_through_the_database_and_the_api()
    {
        await using var app = new EdgeControlAppFactory(_connectionString, settings: FastTraining.Settings());
        _ = app.Server;
        await Eventually.HoldsAsync(app, async db => await db.CurvePoints.CountAsync(p => p.ClosedLoopScore != null) >= 3);
        var run = Assert.Single(await Eventually.QueryAsync(app, db => db.TrainingRuns.AsNoTracking().ToListAsync()));
        var stored = await Eventually.QueryAsync(app, db => db.CurvePoints.Where(p => p.RunId == run.Id).ToDictionaryAsync(p => p.RealInteractions));

        using var client = app.CreateClient();
        await SignIn.AsAdminAsync(client);
        var curve = await client.GetFromJsonAsync<List<CurvePointResponse>>(new Uri($"/api/v1/training-runs/{run.Id}/curve", UriKind.Relative));
        var listed = await client.GetFromJsonAsync<TrainingRunResponse>(new Uri($"/api/v1/training-runs/{run.Id}", UriKind.Relative));

        Assert.NotNull(curve);
        Assert.All(stored.Values, p => Assert.True(p.ClosedLoopScore is { } score && double.IsFinite(score), $"no closed-loop score at {p.RealInteractions}"));
        // Every point the API answers is the stored one, both scores (points written since the read above are not compared).
        Assert.All(curve.Where(p => stored.ContainsKey(p.RealInteractions)), p =>
            Assert.Equal((stored[p.RealInteractions].ClosedLoopScore, stored[p.RealInteractions].Score), (p.ClosedLoopScore, p.Score)));
        // Two measurements, not one copied into both fields: they part wherever placements change the loads later requests meet.
        Assert.Contains(curve, p => p.ClosedLoopScore != p.Score);
        Assert.NotNull(listed?.BestClosedLoopScore);
        Assert.True(listed.BestClosedLoopScore >= stored.Values.Max(p => p.ClosedLoopScore), "the run's best closed-loop score is at least that of every point read before it");
    }

    [Fact]
    public async Task A_restarted_orchestrator_answers_devices_with_the_greedy_policy_of_its_last_checkpoint()
    {
        // Never evaluating after the start, so the serving policy is only replaced when the run resumes. A resumed run
        // keeps the settings stored with it, so the restarted app evaluates as rarely.
        var rarelyEvaluating = FastTraining.Settings(("Orchestrator:EvaluateEvery", "1000000"));
        await using (var first = new EdgeControlAppFactory(_connectionString, settings: rarelyEvaluating))
        {
            _ = first.Server;
            await Eventually.HoldsAsync(first, db => db.Checkpoints.AnyAsync(c => c.RealInteractions >= 100));
        }

        // Read before the second app starts: once it runs, it writes checkpoints of its own.
        byte[] weights;
        await using (var db = new EdgeControlDbContext(new DbContextOptionsBuilder<EdgeControlDbContext>().UseNpgsql(_connectionString).Options))
        {
            weights = await db.Checkpoints.OrderByDescending(c => c.RealInteractions).Select(c => c.Weights).FirstAsync();
        }

        await using var second = new EdgeControlAppFactory(_connectionString, settings: rarelyEvaluating);
        _ = second.Server;
        var decisions = second.Services.GetRequiredService<DecisionService>();
        await Eventually.HoldsAsync(second, () => decisions.Scenario is not null);
        var scenario = decisions.Scenario!;
        var requests = EvaluationSet.Create(scenario).Requests.Take(300).ToList();
        using var restored = (DqnAgent)LearnerCatalog.Default("dqn").Create(scenario, 1);
        Checkpoint.FromBytes(restored, weights);
        var expected = restored.ActGreedy(requests);
        var served = requests.Select((r, i) => decisions.Decide($"r{i}", r, explore: false).Action).ToArray();
        Assert.Equal(expected, served);
    }
}
