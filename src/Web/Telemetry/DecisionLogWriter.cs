using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace EdgeControl.Web.Telemetry;

/// <summary>
/// Appends a device's outcomes to <c>decision_log</c> by binary COPY, which streams the rows without a parameter per
/// value (a 1,000-row batch would need 9,000). A new batch, the usual case, is copied straight into the table in one
/// statement. A batch holding a sequence stored before (a resend) makes that COPY fail as a whole on the unique
/// (node_id, sequence) index; it is then copied into a temporary table and moved with one
/// <c>INSERT ... SELECT ... ON CONFLICT (node_id, sequence) DO NOTHING</c>, so only its new outcomes are stored.
/// </summary>
/// <remarks>
/// The direct path skips the staging table's write and read-back and ON CONFLICT's speculative insertion of every
/// row. Measured on the shared 2-core development machine (30 interleaved 1,000-row batches in one session, insert
/// from a prepared table standing in for COPY): median 33 ms per batch direct against 48 ms through the staging table.
/// </remarks>
internal sealed class DecisionLogWriter(EdgeControlDbContext db)
{
    private const string SequenceIndex = "ix_decision_log_node_id_sequence";

    private const string CopyDirect = """
        COPY decision_log (sequence, request_id, user_name, target, variant, latency_ms, energy_j, accuracy, observed_at, node_id, received_at)
        FROM STDIN (FORMAT BINARY)
        """;

    // ON COMMIT DROP: pooled connections never carry a staging table (or its rows) into the next request.
    private const string CreateStaging = """
        CREATE TEMP TABLE telemetry_staging (
            sequence bigint NOT NULL,
            request_id text NOT NULL,
            user_name text NULL,
            target text NOT NULL,
            variant text NOT NULL,
            latency_ms double precision NOT NULL,
            energy_j double precision NOT NULL,
            accuracy double precision NOT NULL,
            observed_at timestamptz NOT NULL
        ) ON COMMIT DROP
        """;

    private const string CopyStaging = """
        COPY telemetry_staging (sequence, request_id, user_name, target, variant, latency_ms, energy_j, accuracy, observed_at)
        FROM STDIN (FORMAT BINARY)
        """;

    private const string InsertNew = """
        INSERT INTO decision_log (node_id, sequence, request_id, user_name, target, variant, latency_ms, energy_j, accuracy, observed_at, received_at)
        SELECT @node_id, sequence, request_id, user_name, target, variant, latency_ms, energy_j, accuracy, observed_at, @received_at
        FROM telemetry_staging
        ON CONFLICT (node_id, sequence) DO NOTHING
        """;

    /// <summary>Stores the outcomes not stored before and returns how many that were.</summary>
    /// <remarks>
    /// Runs outside EF's retrying execution strategy: a transient failure rolls the whole batch back and
    /// answers 500, and the device resends it, which the sequence numbers make safe.
    /// </remarks>
    public async Task<int> AppendAsync(Guid nodeId, IReadOnlyList<ValidOutcome> outcomes, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection(); // owned by the context
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            try
            {
                // One statement, so atomic without a transaction: either every row is stored or none.
                await using var copy = await connection.BeginBinaryImportAsync(CopyDirect, cancellationToken);
                await WriteRowsAsync(copy, outcomes, (nodeId, receivedAt.ToUniversalTime()), cancellationToken);
                return checked((int)await copy.CompleteAsync(cancellationToken));
            }
            catch (PostgresException error) when (error is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: SequenceIndex })
            {
                // A resend: some sequences are stored already. Fall through to the path that skips them.
            }

            return await AppendSkippingStoredAsync(connection, nodeId, outcomes, receivedAt, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<int> AppendSkippingStoredAsync(
        NpgsqlConnection connection, Guid nodeId, IReadOnlyList<ValidOutcome> outcomes, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(CreateStaging, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(CopyStaging, cancellationToken))
        {
            await WriteRowsAsync(copy, outcomes, null, cancellationToken);
            await copy.CompleteAsync(cancellationToken);
        }

        int accepted;
        await using (var insert = new NpgsqlCommand(InsertNew, connection, transaction))
        {
            insert.Parameters.AddWithValue("node_id", NpgsqlDbType.Uuid, nodeId);
            insert.Parameters.AddWithValue("received_at", NpgsqlDbType.TimestampTz, receivedAt.ToUniversalTime());
            accepted = await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return accepted;
    }

    /// <summary>The outcomes' columns in COPY order, followed by the device and the time received when <paramref name="owner"/> is given.</summary>
    private static async Task WriteRowsAsync(
        NpgsqlBinaryImporter copy, IReadOnlyList<ValidOutcome> outcomes, (Guid NodeId, DateTimeOffset ReceivedAt)? owner, CancellationToken cancellationToken)
    {
        foreach (var outcome in outcomes)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(outcome.Sequence, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(outcome.RequestId, NpgsqlDbType.Text, cancellationToken);
            if (outcome.User is null)
            {
                await copy.WriteNullAsync(cancellationToken);
            }
            else
            {
                await copy.WriteAsync(outcome.User, NpgsqlDbType.Text, cancellationToken);
            }

            await copy.WriteAsync(outcome.Target, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(outcome.Variant, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(outcome.LatencyMs, NpgsqlDbType.Double, cancellationToken);
            await copy.WriteAsync(outcome.EnergyJ, NpgsqlDbType.Double, cancellationToken);
            await copy.WriteAsync(outcome.Accuracy, NpgsqlDbType.Double, cancellationToken);
            // Npgsql writes timestamptz only from UTC values.
            await copy.WriteAsync(outcome.ObservedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            if (owner is var (nodeId, receivedAt))
            {
                await copy.WriteAsync(nodeId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(receivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }
        }
    }
}
