using System.Text.Json;
using EdgeControl.Agents.Training;
using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Training;

/// <summary>The orchestrator's reads and writes of runs, curve points and checkpoints (one context per call).</summary>
internal sealed class TrainingRunStore(IServiceScopeFactory scopeFactory)
{
    /// <summary>The latest running run and its latest checkpoint, or a new run when none is running.</summary>
    public async Task<RunStart> ResumeOrCreateAsync(OrchestratorOptions options, string scenarioName, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var run = await db.TrainingRuns
            .Where(r => r.Status == TrainingRunStatuses.Running)
            .OrderByDescending(r => r.StartedAt)
            .FirstOrDefaultAsync(cancellationToken);

        if (run is null)
        {
            run = new TrainingRunEntity
            {
                Id = Guid.CreateVersion7(),
                Agent = options.Agent,
                ScenarioName = scenarioName,
                StartedAt = DateTimeOffset.UtcNow,
                Options = JsonSerializer.Serialize(new
                {
                    options.Agent,
                    options.Seed,
                    options.StepsPerSecond,
                    options.EvaluateEvery,
                    options.CheckpointEvery,
                    options.ScenarioPath,
                }),
            };
            db.TrainingRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
            return new RunStart(run, null);
        }

        var checkpoint = await db.Checkpoints
            .Where(c => c.RunId == run.Id)
            .OrderByDescending(c => c.RealInteractions)
            .Select(c => new SavedCheckpoint(c.RealInteractions, c.Weights, c.CumulativeRegret, c.Violations, c.WallSeconds))
            .FirstOrDefaultAsync(cancellationToken);

        // What was learned after the checkpoint is lost with the process; its curve points are learned again.
        // Without a checkpoint the run starts over, so even its first point (at 0) goes.
        var keepUpTo = checkpoint?.RealInteractions ?? -1;
        await db.CurvePoints
            .Where(p => p.RunId == run.Id && p.RealInteractions > keepUpTo)
            .ExecuteDeleteAsync(cancellationToken);
        run.RealInteractions = checkpoint?.RealInteractions ?? 0;
        run.BestScore = await db.CurvePoints.Where(p => p.RunId == run.Id).MaxAsync(p => (double?)p.Score, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new RunStart(run, checkpoint);
    }

    /// <summary>Stores a batch in one transaction and moves the run's counters forward.</summary>
    public async Task WriteAsync(Guid runId, IReadOnlyList<PendingWrite> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var run = await db.TrainingRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        foreach (var write in batch)
        {
            run.RealInteractions = Math.Max(run.RealInteractions, write.RealInteractions);
            if (write.Point is { } point)
            {
                db.CurvePoints.Add(ToEntity(runId, point));
                run.BestScore = run.BestScore is { } best ? Math.Max(best, point.Score) : point.Score;
            }

            if (write.Checkpoint is { } checkpoint)
            {
                db.Checkpoints.Add(new CheckpointEntity
                {
                    RunId = runId,
                    RealInteractions = checkpoint.RealInteractions,
                    CreatedAt = DateTimeOffset.UtcNow,
                    Weights = checkpoint.Weights,
                    CumulativeRegret = checkpoint.CumulativeRegret,
                    Violations = checkpoint.Violations,
                    WallSeconds = checkpoint.WallSeconds,
                });
            }

            if (write.FinalStatus is { } status)
            {
                run.Status = status;
                run.EndedAt = DateTimeOffset.UtcNow;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static CurvePointEntity ToEntity(Guid runId, CurvePoint point) => new()
    {
        RunId = runId,
        RealInteractions = point.RealInteractions,
        Score = point.Score,
        WallSeconds = point.WallSeconds,
        CumulativeRegret = point.CumulativeRegret,
        Violations = point.Violations,
        ModelLoss = double.IsFinite(point.ModelLoss) ? point.ModelLoss : null,
    };
}
