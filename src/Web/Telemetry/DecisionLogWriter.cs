using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace EdgeControl.Web.Telemetry;

/// <summary>
/// Appends devices' outcomes to <c>decision_log</c>: binary COPY into a temporary table, then one
/// <c>INSERT ... SELECT ... ON CONFLICT (node_id, sequence) DO NOTHING</c>. COPY streams the rows without
/// a parameter per value (a 1,000-row batch would need 9,000), and the conflict clause makes a resent batch a no-op.
/// One batch may hold outcomes of many devices (the device hub batches across connections).
/// </summary>
internal sealed class DecisionLogWriter(EdgeControlDbContext db)
{
    // ON COMMIT DROP: pooled connections never carry a staging table (or its rows) into the next request.
    private const string CreateStaging = """
        CREATE TEMP TABLE telemetry_staging (
            node_id uuid NOT NULL,
            sequence bigint NOT NULL,
            request_id text NOT NULL,
            user_name text NULL,
            target text NOT NULL,
            variant text NOT NULL,
            latency_ms double precision NOT NULL,
            energy_j double precision NOT NULL,
            accuracy double precision NOT NULL,
            observed_at timestamptz NOT NULL,
            reward double precision NULL
        ) ON COMMIT DROP
        """;

    private const string CopyStaging = """
        COPY telemetry_staging (node_id, sequence, request_id, user_name, target, variant, latency_ms, energy_j, accuracy, observed_at, reward)
        FROM STDIN (FORMAT BINARY)
        """;

    // DISTINCT ON: a re-sent outcome may meet its first copy in the same batch.
    private const string InsertNew = """
        INSERT INTO decision_log (node_id, sequence, request_id, user_name, target, variant, latency_ms, energy_j, accuracy, reward, observed_at, received_at)
        SELECT DISTINCT ON (node_id, sequence) node_id, sequence, request_id, user_name, target, variant, latency_ms, energy_j, accuracy, reward, observed_at, @received_at
        FROM telemetry_staging
        ON CONFLICT (node_id, sequence) DO NOTHING
        """;

    /// <summary>Stores the outcomes not stored before and returns how many that were.</summary>
    /// <remarks>
    /// Runs outside EF's retrying execution strategy: a transient failure rolls the whole batch back and
    /// answers 500, and the device resends it, which the sequence numbers make safe.
    /// </remarks>
    public Task<int> AppendAsync(Guid nodeId, IReadOnlyList<ValidOutcome> outcomes, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        AppendAsync([.. outcomes.Select(o => new StagedOutcome(nodeId, o, Reward: null))], receivedAt, cancellationToken);

    /// <summary>Stores the outcomes (of any devices) not stored before and returns how many that were.</summary>
    public async Task<int> AppendAsync(IReadOnlyList<StagedOutcome> rows, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection(); // owned by the context
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var create = new NpgsqlCommand(CreateStaging, connection, transaction))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var copy = await connection.BeginBinaryImportAsync(CopyStaging, cancellationToken))
            {
                foreach (var (nodeId, outcome, reward) in rows)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(nodeId, NpgsqlDbType.Uuid, cancellationToken);
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
                    if (reward is null)
                    {
                        await copy.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        await copy.WriteAsync(reward.Value, NpgsqlDbType.Double, cancellationToken);
                    }
                }

                await copy.CompleteAsync(cancellationToken);
            }

            int accepted;
            await using (var insert = new NpgsqlCommand(InsertNew, connection, transaction))
            {
                insert.Parameters.AddWithValue("received_at", NpgsqlDbType.TimestampTz, receivedAt.ToUniversalTime());
                accepted = await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return accepted;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
