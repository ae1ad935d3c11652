using System.Data.Common;
using System.Diagnostics;
using EdgeControl.Data;
using EdgeControl.Web.Database;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EdgeControl.Web.Cluster;

/// <summary>
/// Which instance trains: the one row of <c>trainer_lease</c>, taken when it is absent, expired by the database's clock
/// (<c>now()</c>) or already this instance's, renewed by its holder, released on a graceful stop.
/// </summary>
/// <remarks>
/// A lease row, not an advisory lock: an advisory lock lives as long as its backend, so after a network partition or a
/// frozen host it is held until PostgreSQL notices the client is gone (TCP keepalive, minutes by default, or never
/// with a half-open connection), and a partitioned holder cannot tell it lost it. The row expires after
/// <see cref="TrainerLeaseOptions.LeaseDuration"/> whatever happened to its holder, so hand-over time is bounded; the
/// holder knows from its own monotonic clock when it can no longer be sure it holds it (see
/// <see cref="TrainerLeaseTerm"/>); and every take-over increments <c>epoch</c>, the fencing token each run write is
/// checked against (<see cref="TrainerLeaseFence"/>), so a trainer that missed its loss cannot overwrite its successor.
/// </remarks>
internal sealed partial class TrainerLease(
    IOptions<ClusterOptions> cluster,
    IOptions<TrainerLeaseOptions> options,
    IOptions<DatabaseOptions> database,
    ILogger<TrainerLease> logger)
{
    /// <summary>How often an instance that does not hold the lease tries to take it.</summary>
    public static readonly TimeSpan TakeInterval = TimeSpan.FromSeconds(1);

    private volatile TrainerLeaseTerm? _held;

    /// <summary>This instance's name, the <c>holder</c> it writes.</summary>
    public string InstanceId { get; } = cluster.Value.InstanceName;

    public TrainerLeaseOptions Options => options.Value;

    /// <summary>The term this instance holds now, or null (a standby, or a trainer that just lost it).</summary>
    public TrainerLeaseTerm? Held => _held is { IsLost: false } term ? term : null;

    /// <summary>Tries every <see cref="TakeInterval"/> until this instance holds the lease; the term renews itself.</summary>
    /// <param name="standingBy">Called when a try finds the lease held by another instance.</param>
    public async Task<TrainerLeaseTerm> AcquireAsync(CancellationToken cancellationToken, Action? standingBy = null)
    {
        var failing = false;
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                if (await TryTakeAsync(cancellationToken) is { } epoch)
                {
                    var term = new TrainerLeaseTerm(this, epoch, started, logger);
                    _held = term;
                    LogTaken(logger, InstanceId, epoch);
                    return term;
                }

                failing = false;
                standingBy?.Invoke();
            }
            catch (Exception error) when (error is DbException or TimeoutException or InvalidOperationException)
            {
                if (!failing)
                {
                    LogTakeFailed(logger, error.Message);
                }

                failing = true;
            }

            await Task.Delay(TakeInterval, cancellationToken);
        }
    }

    /// <summary>The lease's row as stored now (null before any instance took it).</summary>
    public async Task<TrainerLeaseEntity?> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT holder, epoch, acquired_at, expires_at FROM trainer_lease WHERE id = 1", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new TrainerLeaseEntity { Holder = reader.GetString(0), Epoch = reader.GetInt64(1), AcquiredAt = reader.GetFieldValue<DateTimeOffset>(2), ExpiresAt = reader.GetFieldValue<DateTimeOffset>(3) }
            : null;
    }

    /// <summary>
    /// Takes the lease when it is absent, expired, or this instance's (a restart under the same name); the epoch goes up
    /// by one on every take, so whatever an earlier term of any instance writes from now on is fenced out.
    /// </summary>
    private async Task<long?> TryTakeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO trainer_lease AS l (id, holder, epoch, acquired_at, expires_at)
            VALUES (1, @holder, 1, now(), now() + @duration)
            ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, epoch = l.epoch + 1, acquired_at = now(), expires_at = excluded.expires_at
            WHERE l.expires_at <= now() OR l.holder = excluded.holder
            RETURNING epoch
            """,
            connection);
        command.Parameters.AddWithValue("holder", InstanceId);
        command.Parameters.AddWithValue("duration", options.Value.LeaseDuration);
        return await command.ExecuteScalarAsync(cancellationToken) is long epoch ? epoch : null;
    }

    /// <summary>Extends the lease of term <paramref name="epoch"/>: false when another instance took it since.</summary>
    internal async Task<bool> TryRenewAsync(long epoch, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE trainer_lease SET expires_at = now() + @duration WHERE id = 1 AND holder = @holder AND epoch = @epoch",
            connection);
        command.Parameters.AddWithValue("holder", InstanceId);
        command.Parameters.AddWithValue("epoch", epoch);
        command.Parameters.AddWithValue("duration", options.Value.LeaseDuration);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Lets the next instance take the lease at once (a graceful stop hands over without waiting for expiry).</summary>
    internal async Task ReleaseAsync(long epoch, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE trainer_lease SET expires_at = now() WHERE id = 1 AND holder = @holder AND epoch = @epoch",
            connection);
        command.Parameters.AddWithValue("holder", InstanceId);
        command.Parameters.AddWithValue("epoch", epoch);
        await command.ExecuteNonQueryAsync(cancellationToken);
        LogReleased(logger, InstanceId, epoch);
    }

    internal void Forget(TrainerLeaseTerm term) => Interlocked.CompareExchange(ref _held, null, term);

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(database.Value.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trainer lease taken by {Instance} (epoch {Epoch}): this instance trains")]
    private static partial void LogTaken(ILogger logger, string instance, long epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trainer lease released by {Instance} (epoch {Epoch}): another instance may take it at once")]
    private static partial void LogReleased(ILogger logger, string instance, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not try to take the trainer lease ({Reason}); trying again every second")]
    private static partial void LogTakeFailed(ILogger logger, string reason);
}
