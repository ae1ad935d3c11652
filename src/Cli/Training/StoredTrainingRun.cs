using EdgeControl.Agents.Training;
using EdgeControl.Cli.Logs;
using EdgeControl.Data;

namespace EdgeControl.Cli.Training;

/// <summary>
/// A run trained from the log, stored as the control plane stores its runs: a stopped training run with its curve
/// points and its checkpoint, so the dashboard shows it and an admin's warm start can pick its checkpoint.
/// </summary>
internal static class StoredTrainingRun
{
    /// <returns>The new run's id.</returns>
    /// <exception cref="DecisionLogException">The database cannot be written; the message names --connection.</exception>
    public static async Task<Guid> SaveAsync(string connectionString, string agent, string scenarioName, LogTrainingSettings settings,
        OfflineTrainingResult result, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            await using var db = DecisionLogDatabase.Open(connectionString);
            var run = new TrainingRunEntity
            {
                Id = Guid.CreateVersion7(),
                Agent = agent,
                ScenarioName = scenarioName,
                Status = TrainingRunStatuses.Stopped,
                StartedAt = startedAt,
                EndedAt = DateTimeOffset.UtcNow,
                RealInteractions = result.Counters.RealInteractions,
                BestScore = result.Curve.Count > 0 ? result.Curve.Max(p => p.Score) : null,
                BestClosedLoopScore = result.Curve.Where(p => double.IsFinite(p.ClosedLoopScore)).Select(p => (double?)p.ClosedLoopScore).Max(),
                Options = settings.ToJson(),
            };
            db.TrainingRuns.Add(run);
            db.CurvePoints.AddRange(result.Curve.Select(p => new CurvePointEntity
            {
                RunId = run.Id,
                RealInteractions = p.RealInteractions,
                Score = p.Score,
                ClosedLoopScore = Measured(p.ClosedLoopScore),
                WallSeconds = p.WallSeconds,
                CumulativeRegret = p.CumulativeRegret,
                Violations = p.Violations,
                ModelLoss = Measured(p.ModelLoss),
            }));
            db.Checkpoints.Add(new CheckpointEntity
            {
                RunId = run.Id,
                RealInteractions = result.Counters.RealInteractions,
                CreatedAt = DateTimeOffset.UtcNow,
                Weights = result.Checkpoint,
                CumulativeRegret = result.Counters.CumulativeRegret,
                Violations = result.Counters.Violations,
                WallSeconds = result.Counters.WallSeconds,
            });
            // One SaveChanges is one transaction: the run never appears without its checkpoint.
            await db.SaveChangesAsync(cancellationToken);
            return run.Id;
        }
        catch (Exception error) when (DecisionLogDatabase.Describe(error is Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: { } inner } ? inner : error, connectionString) is { } problem)
        {
            throw new DecisionLogException(problem.Replace("cannot read the decision log", "cannot store the training run", StringComparison.Ordinal), error);
        }
    }

    // PostgreSQL would store a NaN, and a NaN in an API answer is not JSON: "not measured" is NULL, as the control plane stores it.
    private static double? Measured(double value) => double.IsFinite(value) ? value : null;
}
