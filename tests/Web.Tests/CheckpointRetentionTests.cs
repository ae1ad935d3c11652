using EdgeControl.Data;
using EdgeControl.Web.Retention;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed class CheckpointRetentionTests(MigratedAppFixture fixture)
{
    [Fact]
    public async Task A_run_keeps_its_latest_checkpoints_and_its_best_scoring_one_and_the_others_go()
    {
        // A checkpoint scores what the latest evaluation at or before it scored: 300, 400 and 500 score 0.99 (from
        // 250), and of equals the latest is kept.
        var scores = new Dictionary<long, double> { [0] = 0.1, [250] = 0.99, [550] = 0.7, [800] = 0.8 };
        var run = await InsertRunAsync(checkpointsAt: [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000], scores);
        var other = await InsertRunAsync(checkpointsAt: [100, 200], scores);

        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            await CheckpointRetention.PruneAsync(scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>(), run, kept: 3, CancellationToken.None);
        }

        Assert.Equal([500, 800, 900, 1000], await CheckpointsAsync(run));
        Assert.Equal([100, 200], await CheckpointsAsync(other));
    }

    [Fact]
    public async Task The_best_scoring_checkpoint_is_the_best_closed_loop_one()
    {
        // Open loop the policy at 250 looks best (0.99); on its own trajectories the one at 550 is (0.9), and it scores
        // the checkpoints at 600 and 700, of which the latest is kept.
        var openLoop = new Dictionary<long, double> { [0] = 0.1, [250] = 0.99, [550] = 0.7, [800] = 0.8 };
        var closedLoop = new Dictionary<long, double> { [0] = 0.1, [250] = 0.4, [550] = 0.9, [800] = 0.6 };
        var run = await InsertRunAsync(checkpointsAt: [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000], openLoop, closedLoop);

        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            await CheckpointRetention.PruneAsync(scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>(), run, kept: 3, CancellationToken.None);
        }

        Assert.Equal([700, 800, 900, 1000], await CheckpointsAsync(run));
    }

    [Fact]
    public async Task The_retention_sweep_prunes_every_run()
    {
        var run = await InsertRunAsync(checkpointsAt: [.. Enumerable.Range(1, 8).Select(i => i * 10L)], new Dictionary<long, double> { [0] = 0.2 });

        await fixture.App.Services.GetRequiredService<DecisionLogRetention>().SweepAsync(CancellationToken.None);

        // Default Orchestrator:CheckpointsKept = 5; with one score for all, the best is the latest of the ties.
        Assert.Equal([40, 50, 60, 70, 80], await CheckpointsAsync(run));
    }

    /// <summary>A run whose curve has open-loop <paramref name="scores"/> and, where given, <paramref name="closedLoopScores"/>.</summary>
    private async Task<Guid> InsertRunAsync(long[] checkpointsAt, Dictionary<long, double> scores, Dictionary<long, double>? closedLoopScores = null)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var run = new TrainingRunEntity { Id = Guid.CreateVersion7(), Agent = "dqn", ScenarioName = "test", Options = "{}", StartedAt = DateTimeOffset.UtcNow };
        db.TrainingRuns.Add(run);
        db.CurvePoints.AddRange(scores.Select(s => new CurvePointEntity
        {
            RunId = run.Id,
            RealInteractions = s.Key,
            Score = s.Value,
            ClosedLoopScore = closedLoopScores?.GetValueOrDefault(s.Key),
        }));
        db.Checkpoints.AddRange(checkpointsAt.Select(at => new CheckpointEntity { RunId = run.Id, RealInteractions = at, Weights = [1, 2, 3] }));
        await db.SaveChangesAsync();
        return run.Id;
    }

    private async Task<List<long>> CheckpointsAsync(Guid run)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        return await db.Checkpoints.Where(c => c.RunId == run).OrderBy(c => c.RealInteractions).Select(c => c.RealInteractions).ToListAsync();
    }
}
