using EdgeControl.Data;
using EdgeControl.Web.Cluster;
using EdgeControl.Web.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Training;

/// <summary>The orchestrator's reads and writes of runs, curve points and checkpoints (one context per call).</summary>
internal sealed class TrainingRunStore(IServiceScopeFactory scopeFactory, IOptions<OrchestratorOptions> options)
{
    /// <summary>The latest run still marked running (interrupted by a shutdown or a kill) and its latest checkpoint, or null.</summary>
    public async Task<(RunStart Start, RunSettings Settings)?> ResumeAsync(RunSettings fallback, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var run = await db.TrainingRuns
            .Where(r => r.Status == TrainingRunStatuses.Running)
            .OrderByDescending(r => r.StartedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return null;
        }

        var settings = RunSettings.FromJson(run.Options, fallback with { Agent = run.Agent });
        var checkpoint = await LatestCheckpointAsync(db, run.Id, cancellationToken);
        var continuation = checkpoint is not null;
        // A warm-started run stored by another instance (or interrupted before its first checkpoint) starts where
        // its warm start does, not from scratch.
        if (checkpoint is null && settings.WarmStartFrom is { } warmFrom)
        {
            checkpoint = await WarmStartCheckpointAsync(db, warmFrom, cancellationToken);
        }

        // What was learned after the checkpoint is lost with the process; its curve points are learned again.
        // Without a checkpoint the run starts over, so even its first point goes.
        var keepUpTo = continuation ? checkpoint!.RealInteractions : -1;
        await db.CurvePoints
            .Where(p => p.RunId == run.Id && p.RealInteractions > keepUpTo)
            .ExecuteDeleteAsync(cancellationToken);
        run.RealInteractions = checkpoint?.RealInteractions ?? 0;
        run.BestScore = await db.CurvePoints.Where(p => p.RunId == run.Id).MaxAsync(p => (double?)p.Score, cancellationToken);
        run.BestClosedLoopScore = await db.CurvePoints.Where(p => p.RunId == run.Id).MaxAsync(p => p.ClosedLoopScore, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (new RunStart(run, checkpoint, IsContinuation: continuation), settings);
    }

    /// <summary>The id of the latest run marked running, or null.</summary>
    public async Task<Guid?> LatestRunningAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        return await db.TrainingRuns
            .Where(r => r.Status == TrainingRunStatuses.Running)
            .OrderByDescending(r => r.StartedAt)
            .Select(r => (Guid?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Stores a new running run. With <paramref name="warmStart"/> it starts from that run's latest checkpoint (none:
    /// from scratch, and <see cref="RunSettings.WarmStartFrom"/> stays null).
    /// </summary>
    /// <param name="stopRunning">
    /// Marks every run still running stopped in the same transaction: an admin's start on an instance that does not
    /// train, which the trainer then follows.
    /// </param>
    public async Task<RunStart> CreateAsync(RunSettings settings, string scenarioName, WarmStart? warmStart, CancellationToken cancellationToken, bool stopRunning = false)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        SavedCheckpoint? checkpoint = null;
        if (warmStart is not null)
        {
            var from = warmStart.FromRun ?? await db.Checkpoints
                .Where(c => db.TrainingRuns.Any(r => r.Id == c.RunId && r.Agent == settings.Agent && r.ScenarioName == scenarioName))
                .OrderByDescending(c => c.CreatedAt)
                .Select(c => (Guid?)c.RunId)
                .FirstOrDefaultAsync(cancellationToken);
            if (from is { } runId && await WarmStartCheckpointAsync(db, runId, cancellationToken) is { } saved)
            {
                checkpoint = saved;
                settings = settings with { WarmStartFrom = runId };
            }
        }

        var run = new TrainingRunEntity
        {
            Id = Guid.CreateVersion7(),
            Agent = settings.Agent,
            ScenarioName = scenarioName,
            StartedAt = DateTimeOffset.UtcNow,
            Options = settings.ToJson(),
            RealInteractions = checkpoint?.RealInteractions ?? 0,
        };
        db.TrainingRuns.Add(run);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (stopRunning)
        {
            await db.TrainingRuns
                .Where(r => r.Status == TrainingRunStatuses.Running)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, TrainingRunStatuses.Stopped).SetProperty(r => r.EndedAt, DateTimeOffset.UtcNow), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RunStart(run, checkpoint, IsContinuation: false);
    }

    /// <summary>Marks a run that is not learning in this process (e.g. left running by another instance) as stopped.</summary>
    public async Task<bool> MarkStoppedAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        return await db.TrainingRuns
            .Where(r => r.Id == runId && r.Status == TrainingRunStatuses.Running)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, TrainingRunStatuses.Stopped).SetProperty(r => r.EndedAt, DateTimeOffset.UtcNow), cancellationToken) > 0;
    }

    /// <summary>The latest checkpoint of <paramref name="runId"/> for a new run: it inherits what was learned, not the old run's cost of learning.</summary>
    /// <summary>Why run <paramref name="runId"/> cannot warm-start a run of <paramref name="agent"/> on <paramref name="scenarioName"/>, or null when it can.</summary>
    public async Task<string?> WarmStartRefusalAsync(Guid runId, string agent, string scenarioName, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var run = await db.TrainingRuns.AsNoTracking()
            .Where(r => r.Id == runId)
            .Select(r => new { r.Agent, r.ScenarioName, Checkpoints = db.Checkpoints.Count(c => c.RunId == r.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        return run switch
        {
            null => $"There is no training run '{runId}'.",
            { Checkpoints: 0 } => $"Training run '{runId}' has no checkpoint to start from.",
            _ when run.Agent != agent || run.ScenarioName != scenarioName =>
                $"Training run '{runId}' learned '{run.Agent}' on scenario '{run.ScenarioName}'; this run is '{agent}' on '{scenarioName}'.",
            _ => null,
        };
    }

    private static async Task<SavedCheckpoint?> WarmStartCheckpointAsync(EdgeControlDbContext db, Guid runId, CancellationToken cancellationToken) =>
        await LatestCheckpointAsync(db, runId, cancellationToken) is { } saved
            ? saved with { CumulativeRegret = 0, Violations = 0, WallSeconds = 0, LogHorizon = null }
            : null;

    private static Task<SavedCheckpoint?> LatestCheckpointAsync(EdgeControlDbContext db, Guid runId, CancellationToken cancellationToken) =>
        db.Checkpoints
            .Where(c => c.RunId == runId)
            .OrderByDescending(c => c.RealInteractions)
            .Select(c => new SavedCheckpoint(c.RealInteractions, c.Weights, c.CumulativeRegret, c.Violations, c.WallSeconds, c.LogHorizon))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Stores a batch in one transaction and moves the run's counters forward; a new checkpoint retires old ones. Only
    /// while <paramref name="fence"/> holds: otherwise nothing is written and the result says it was fenced out.
    /// </summary>
    public async Task<StoredWrites> WriteAsync(Guid runId, TrainerLeaseFence fence, IReadOnlyList<PendingWrite> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fence);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await fence.HoldsAsync(db, cancellationToken))
        {
            return new StoredWrites(FencedOut: true, ServingCheckpointId: null);
        }

        var run = await db.TrainingRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        CheckpointEntity? stored = null;
        var serving = false;
        foreach (var write in batch)
        {
            run.RealInteractions = Math.Max(run.RealInteractions, write.RealInteractions);
            if (write.Point is { } point)
            {
                var row = StoredCurvePoints.ToEntity(runId, point);
                db.CurvePoints.Add(row);
                run.BestScore = Best(run.BestScore, row.Score);
                run.BestClosedLoopScore = Best(run.BestClosedLoopScore, row.ClosedLoopScore);
            }

            if (write.Checkpoint is { } checkpoint)
            {
                stored = new CheckpointEntity
                {
                    RunId = runId,
                    RealInteractions = checkpoint.RealInteractions,
                    CreatedAt = DateTimeOffset.UtcNow,
                    Weights = checkpoint.Weights,
                    CumulativeRegret = checkpoint.CumulativeRegret,
                    Violations = checkpoint.Violations,
                    WallSeconds = checkpoint.WallSeconds,
                    LogHorizon = checkpoint.LogHorizon,
                };
                db.Checkpoints.Add(stored);
                serving |= checkpoint.Serving;
            }

            if (write.FinalStatus is { } status)
            {
                run.Status = status;
                run.EndedAt = DateTimeOffset.UtcNow;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (stored is not null)
        {
            // Keeps the latest CheckpointsKept (at least 1): the one just stored, which other instances load next, stays.
            await CheckpointRetention.PruneAsync(db, runId, options.Value.CheckpointsKept, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new StoredWrites(FencedOut: false, ServingCheckpointId: serving ? stored?.Id : null);
    }

    private static double? Best(double? best, double? score) => best is { } b && score is { } s ? Math.Max(b, s) : best ?? score;
}
