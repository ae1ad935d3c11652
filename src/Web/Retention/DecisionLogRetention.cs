using EdgeControl.Data;
using EdgeControl.Web.Resilience;
using EdgeControl.Web.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace EdgeControl.Web.Retention;

/// <summary>
/// Deletes <c>decision_log</c> rows received more than <see cref="DecisionLogOptions.RetentionDays"/> ago, at start-up
/// and then every <see cref="DecisionLogOptions.RetentionSweepMinutes"/>. Each statement deletes at most
/// <see cref="DecisionLogOptions.RetentionBatchRows"/> rows in its own transaction, so telemetry inserts never wait
/// behind one long delete. The same sweep retires the workers' profile history of the same period
/// (<see cref="WorkerProfileRetention"/>) and old checkpoints (<see cref="CheckpointRetention"/>). Registered as a singleton too, so a sweep can be run (and observed) on demand.
/// </summary>
internal sealed partial class DecisionLogRetention(
    IServiceScopeFactory scopes, DatabaseRetry retry, IOptions<DecisionLogOptions> options, IOptions<OrchestratorOptions> orchestrator, TimeProvider clock, ILogger<DecisionLogRetention> logger)
    : PeriodicSweep(retry, clock, logger)
{
    // By received_at (the control plane's clock; a device's observed_at may be wrong), oldest first.
    private const string DeleteBatch = """
        DELETE FROM decision_log
        WHERE id IN (SELECT id FROM decision_log WHERE received_at < @cutoff ORDER BY received_at LIMIT @batch)
        """;

    /// <summary>Deletes every row received before the retention cutoff, batch by batch, and returns how many went.</summary>
    public async Task<long> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = Clock.GetUtcNow() - TimeSpan.FromDays(settings.RetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection(); // owned by the context
        await db.Database.OpenConnectionAsync(cancellationToken);
        long deleted = 0;
        int batch;
        do
        {
            await using var command = new NpgsqlCommand(DeleteBatch, connection);
            command.Parameters.AddWithValue("cutoff", NpgsqlDbType.TimestampTz, cutoff.ToUniversalTime());
            command.Parameters.AddWithValue("batch", NpgsqlDbType.Integer, settings.RetentionBatchRows);
            batch = await command.ExecuteNonQueryAsync(cancellationToken);
            deleted += batch;
        }
        while (batch == settings.RetentionBatchRows);

        LogSwept(Logger, deleted, settings.RetentionDays, cutoff);
        var profiles = await WorkerProfileRetention.PruneAsync(db, cutoff, cancellationToken);
        if (profiles > 0)
        {
            LogProfilesPruned(Logger, profiles, cutoff);
        }

        var checkpoints = await CheckpointRetention.PruneAsync(db, runId: null, orchestrator.Value.CheckpointsKept, cancellationToken);
        if (checkpoints > 0)
        {
            LogCheckpointsPruned(Logger, checkpoints, orchestrator.Value.CheckpointsKept);
        }

        return deleted;
    }

    protected override string Name => "retention sweep";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.RetentionSweepMinutes);

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Decision-log retention: deleted {Rows} rows received before {Cutoff:O} (older than {Days} days)")]
    private static partial void LogSwept(ILogger logger, long rows, int days, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker-profile retention: deleted {Count} profiles reported before {Cutoff:O} (each worker keeps the one in force then)")]
    private static partial void LogProfilesPruned(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpoint retention: deleted {Count} checkpoints (each run keeps its latest {Kept} and its best-scoring one)")]
    private static partial void LogCheckpointsPruned(ILogger logger, int count, int kept);
}
