using EdgeControl.Core.Logging;
using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace EdgeControl.Web.Training;

/// <summary>
/// Reads the decision log by transaction id (<c>xact_id</c>), never by <c>id</c>: ids are taken when a row is inserted
/// and their transactions commit in any order, so a reader going by id would pass over a row whose transaction commits
/// after a later id's. Instead it reads up to the horizon H = <c>pg_snapshot_xmin(pg_current_snapshot())</c>, the
/// oldest transaction still running: every transaction below H has ended (committed or rolled back), so the rows with
/// <c>xact_id</c> in [previous H, H) are all there is and ever will be in that range. Moving from one H to the next
/// reads each row exactly once, whichever instance stored it.
/// </summary>
/// <remarks>
/// A transaction that stays open after it has written anything (it holds a transaction id) anywhere in the cluster
/// holds H back: rows committed after it wait until it ends (they are late, never lost). Transactions that only read
/// hold no id and do not. See <see cref="StalledByAsync"/>.
/// </remarks>
internal sealed class DecisionLogReader(IServiceScopeFactory scopes)
{
    private const string Horizon = "SELECT pg_snapshot_xmin(pg_current_snapshot())";

    private const string Columns = "id, xact_id, scenario, user_name, target, variant, latency_ms, energy_j, accuracy, reward, observed_at, "
        + "action, action_probability, served_by, uplink_mbps, rtt_edge_ms, rtt_cloud_ms, local_load, network_condition, server_loads";

    private const string Range = $"""
        SELECT {Columns} FROM decision_log
        WHERE xact_id >= @from AND xact_id < @to
        ORDER BY xact_id, id
        LIMIT @limit
        """;

    private const string OneTransaction = $"SELECT {Columns} FROM decision_log WHERE xact_id = @xact ORDER BY id";

    // The oldest transaction holding an id (what holds the horizon back), and whether committed rows wait behind it.
    private const string Stall = """
        SELECT EXISTS (SELECT 1 FROM decision_log WHERE xact_id >= @horizon),
               (SELECT format('process %s (%s, %s since %s)', pid, coalesce(nullif(application_name, ''), 'no application name'), state, xact_start)
                FROM pg_stat_activity WHERE backend_xid IS NOT NULL ORDER BY age(backend_xid) DESC LIMIT 1)
        """;

    /// <summary>The horizon now: every transaction below it has ended.</summary>
    public async Task<ulong> HorizonAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var connection = await OpenAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand(Horizon, connection);
        return (ulong)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The rows of the transactions from <paramref name="from"/> up to the horizon now, at most about
    /// <paramref name="limit"/> rows: a page ends between whole transactions (one transaction with more rows is read whole).
    /// </summary>
    public async Task<LogPage> ReadAsync(ulong from, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var connection = await OpenAsync(scope, cancellationToken);
        ulong horizon;
        await using (var command = new NpgsqlCommand(Horizon, connection))
        {
            horizon = (ulong)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        if (horizon <= from)
        {
            return new LogPage([], from, CaughtUp: true);
        }

        // Read in a later statement, so in a later snapshot than the horizon's: every transaction below it is visible.
        var rows = await QueryAsync(connection, Range, cancellationToken, ("from", from), ("to", horizon), ("limit", limit + 1));
        if (rows.Count <= limit)
        {
            return new LogPage(rows, horizon, CaughtUp: true);
        }

        // More than a page: stop before the last transaction, which may be cut, and start there next time.
        var last = rows[^1].TransactionId;
        if (rows[0].TransactionId == last)
        {
            var whole = await QueryAsync(connection, OneTransaction, cancellationToken, ("xact", last));
            return new LogPage(whole, last + 1, CaughtUp: false);
        }

        return new LogPage([.. rows.Where(r => r.TransactionId < last)], last, CaughtUp: false);
    }

    /// <summary>
    /// Who holds the horizon at <paramref name="horizon"/> while committed rows wait above it: the oldest transaction
    /// holding an id, described for an operator; null when no row waits (nothing is late).
    /// </summary>
    public async Task<string?> StalledByAsync(ulong horizon, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var connection = await OpenAsync(scope, cancellationToken);
        await using var command = new NpgsqlCommand(Stall, connection);
        command.Parameters.Add(new NpgsqlParameter<ulong>("horizon", NpgsqlDbType.Xid8) { TypedValue = horizon });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetBoolean(0) ? (reader.IsDBNull(1) ? "a prepared transaction or another database's" : reader.GetString(1)) : null;
    }

    private static async Task<NpgsqlConnection> OpenAsync(AsyncServiceScope scope, CancellationToken cancellationToken)
    {
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken); // closed with the context
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    private static async Task<List<FollowedRow>> QueryAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is ulong xact
                ? new NpgsqlParameter<ulong>(name, NpgsqlDbType.Xid8) { TypedValue = xact }
                : new NpgsqlParameter(name, value));
        }

        var rows = new List<FollowedRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var decision = new LoggedDecision(
                UserName: Nullable<string>(reader, 3),
                Target: reader.GetString(4),
                Variant: reader.GetString(5),
                LatencyMs: reader.GetDouble(6),
                EnergyJ: reader.GetDouble(7),
                Accuracy: reader.GetDouble(8),
                Reward: reader.IsDBNull(9) ? null : reader.GetDouble(9),
                ObservedAt: reader.GetFieldValue<DateTimeOffset>(10),
                Action: reader.IsDBNull(11) ? null : reader.GetInt32(11),
                ActionProbability: reader.IsDBNull(12) ? null : reader.GetDouble(12),
                ServedBy: Nullable<string>(reader, 13),
                UplinkMbps: reader.IsDBNull(14) ? null : reader.GetDouble(14),
                RttEdgeMs: reader.IsDBNull(15) ? null : reader.GetDouble(15),
                RttCloudMs: reader.IsDBNull(16) ? null : reader.GetDouble(16),
                LocalLoad: reader.IsDBNull(17) ? null : reader.GetInt32(17),
                NetworkCondition: Nullable<string>(reader, 18),
                ServerLoads: Nullable<int[]>(reader, 19));
            rows.Add(new FollowedRow(reader.GetInt64(0), reader.GetFieldValue<ulong>(1), Nullable<string>(reader, 2), decision));
        }

        return rows;
    }

    private static T? Nullable<T>(NpgsqlDataReader reader, int ordinal) where T : class =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}
