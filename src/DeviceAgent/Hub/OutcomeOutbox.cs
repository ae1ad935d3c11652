using System.Text.Json;
using EdgeControl.Protocol;
using Microsoft.Data.Sqlite;

namespace EdgeControl.DeviceAgent.Hub;

/// <summary>
/// The device's outbox: every measured outcome is numbered and written here <em>before</em> it is sent, and deleted
/// when the control plane acknowledges or rejects it; after a restart whatever is still here is sent again (the
/// server stores each (device, sequence) once, so a re-send never duplicates a row). The agent's cumulative counters
/// live in the same database and change in the same transaction as the rows they count, so they cannot drift.
/// Each row holds the whole outcome as JSON, its decision ticket included, so a re-send after a restart carries the
/// ticket the server needs to accept it; a row from an agent that predates tickets reads with none (and is refused).
/// <para>
/// Why SQLite (WAL, synchronous=NORMAL) and not an append-only file: acknowledgement deletes from the front and a
/// reject deletes from the middle, which a log file would need compaction for; SQLite gives that, the counters and
/// crash-safe recovery in one small file. Why NORMAL and not FULL: the promise is that kill -9 of the agent loses
/// nothing, not power loss. In WAL mode a commit has written its frames to the WAL with write(2) before it returns,
/// so they are in the kernel's page cache and survive the death of the process; only an OS crash or power cut can
/// undo the last commits, and FULL's extra fsync per outcome (see <c>--bench-outbox</c>) buys exactly that, at a cost
/// that on an SD-card device is milliseconds and flash wear per outcome. Measured on the development VM (shared
/// disk, other builds running): NORMAL 50-140 us per outcome written, FULL 0.7-4 ms; reading and acknowledging
/// 13-27 us per outcome either way.
/// </para>
/// <para>
/// One connection behind one lock: a device writes a few outcomes per second, and SQLite connections are not
/// thread-safe. <c>locking_mode=EXCLUSIVE</c> keeps a second agent from using the same data directory at once (the
/// OS drops the lock when a killed agent's process ends).
/// </para>
/// </summary>
public sealed class OutcomeOutbox : IOutcomeOutbox
{
    public const string FileName = "outbox.db";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _lock = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _bump;
    private readonly SqliteCommand _after;
    private readonly SqliteCommand _raise;
    private long _sequence;
    private long _pending;
    private OutboxCounters _counters;

    private OutcomeOutbox(SqliteConnection connection, long sequenceFloor)
    {
        _connection = connection;
        Execute("""
            CREATE TABLE IF NOT EXISTS outbox (sequence INTEGER PRIMARY KEY, outcome TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
            """);
        _insert = Prepare("INSERT INTO outbox (sequence, outcome) VALUES ($sequence, $outcome)", "$sequence", "$outcome");
        _bump = Prepare("INSERT INTO counters (name, value) VALUES ($name, $by) ON CONFLICT (name) DO UPDATE SET value = value + $by", "$name", "$by");
        _raise = Prepare($"INSERT INTO counters (name, value) VALUES ('{LastSequence}', $value) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)", "$value");
        _after = Prepare("SELECT outcome FROM outbox WHERE sequence > $sequence ORDER BY sequence LIMIT $max", "$sequence", "$max");

        var stored = ReadCounters();
        _counters = OutboxCounters.From(stored);
        _pending = Scalar("SELECT count(*) FROM outbox");
        // Above every sequence this outbox ever used (kept as a counter, so it holds after the outbox emptied) and
        // above the caller's time-based floor, which covers a data directory that was deleted.
        _sequence = Math.Max(Math.Max(stored.GetValueOrDefault(LastSequence), Scalar("SELECT coalesce(max(sequence), 0) FROM outbox")), sequenceFloor);
    }

    private const string LastSequence = "lastSequence";

    /// <summary>Outcomes waiting for the server (measured and poison alike).</summary>
    public int Count => (int)Interlocked.Read(ref _pending);

    /// <summary>Outcomes acknowledged (stored by the server) over the outbox's life.</summary>
    public long Acknowledged => Counters.Acknowledged;

    public OutboxCounters Counters
    {
        get
        {
            lock (_lock)
            {
                return _counters;
            }
        }
    }

    /// <summary>The outbox in <paramref name="directory"/>/outbox.db, created when missing.</summary>
    /// <param name="sequenceFloor">The next outcome is numbered above this and above every sequence the outbox used.</param>
    /// <param name="fsyncEveryCommit">synchronous=FULL instead of NORMAL: only <c>--bench-outbox</c> uses it, to show the difference.</param>
    /// <exception cref="DeviceAgentException">another agent holds it, or it cannot be opened.</exception>
    public static OutcomeOutbox Open(string directory, long sequenceFloor, bool fsyncEveryCommit = false)
    {
        var path = Path.Combine(directory, FileName);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 2 }.ToString());
        try
        {
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = $"PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = {(fsyncEveryCommit ? "FULL" : "NORMAL")};";
                pragmas.ExecuteNonQuery();
            }

            // Takes the exclusive lock now rather than at the first outcome, so a second agent is refused at start.
            using (var claim = connection.CreateCommand())
            {
                claim.CommandText = "BEGIN IMMEDIATE; COMMIT;";
                claim.ExecuteNonQuery();
            }

            return new OutcomeOutbox(connection, sequenceFloor);
        }
        catch (SqliteException error)
        {
            connection.Dispose();
            throw new DeviceAgentException(error.SqliteErrorCode is 5 or 6
                ? $"The outbox {path} is in use by another agent: give each agent its own --data directory."
                : $"Cannot open the outbox {path}: {error.Message}");
        }
    }

    /// <summary>
    /// Numbers <paramref name="outcome"/> with the next sequence and writes it; returns once it is on disk. Numbering
    /// and writing are one step, so a sender never sees a higher sequence before a lower one (an acknowledgement
    /// covers every sequence up to one). A <paramref name="poison"/> outcome (fault tests) counts as poison, not measured.
    /// </summary>
    public MeasuredOutcome Add(MeasuredOutcome outcome, bool poison = false)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_lock)
        {
            var numbered = outcome with { Sequence = _sequence + 1 };
            using var transaction = _connection.BeginTransaction();
            _insert.Transaction = transaction;
            _insert.Parameters["$sequence"].Value = numbered.Sequence;
            _insert.Parameters["$outcome"].Value = JsonSerializer.Serialize(numbered, Json);
            _insert.ExecuteNonQuery();
            Bump(transaction, poison ? OutboxCounters.PoisonSentName : OutboxCounters.MeasuredName, 1);
            _raise.Transaction = transaction;
            _raise.Parameters["$value"].Value = numbered.Sequence;
            _raise.ExecuteNonQuery();
            transaction.Commit();
            _sequence = numbered.Sequence;
            _counters = poison ? _counters with { PoisonSent = _counters.PoisonSent + 1 } : _counters with { Measured = _counters.Measured + 1 };
            Interlocked.Increment(ref _pending);
            return numbered;
        }
    }

    /// <summary>Forgets every outcome up to <paramref name="sequence"/>: the server has settled them. Returns how many it forgot.</summary>
    public int AcknowledgeUpTo(long sequence) => Remove("DELETE FROM outbox WHERE sequence <= $sequence", sequence, OutboxCounters.AcknowledgedName);

    /// <summary>Forgets the outcome numbered <paramref name="sequence"/>, which the server will never store; false when it was not here.</summary>
    public bool Reject(long sequence) => Remove("DELETE FROM outbox WHERE sequence = $sequence", sequence, OutboxCounters.RejectedName) > 0;

    /// <summary>Counts one request for a decision: answered, or refused / failed / timed out.</summary>
    public void CountDecision(bool answered)
    {
        lock (_lock)
        {
            Bump(null, answered ? OutboxCounters.DecisionsAnsweredName : OutboxCounters.DecisionsRefusedName, 1);
            _counters = answered
                ? _counters with { DecisionsAnswered = _counters.DecisionsAnswered + 1 }
                : _counters with { DecisionsRefused = _counters.DecisionsRefused + 1 };
        }
    }

    /// <summary>Up to <paramref name="max"/> outcomes with a sequence above <paramref name="sequence"/>, in order.</summary>
    public List<MeasuredOutcome> After(long sequence, int max)
    {
        lock (_lock)
        {
            _after.Parameters["$sequence"].Value = sequence;
            _after.Parameters["$max"].Value = max;
            using var reader = _after.ExecuteReader();
            var outcomes = new List<MeasuredOutcome>();
            while (reader.Read())
            {
                outcomes.Add(JsonSerializer.Deserialize<MeasuredOutcome>(reader.GetString(0), Json)!);
            }

            return outcomes;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _insert.Dispose();
            _bump.Dispose();
            _after.Dispose();
            _raise.Dispose();
            _connection.Dispose();
        }
    }

    private int Remove(string delete, long sequence, string counter)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = delete;
            command.Parameters.AddWithValue("$sequence", sequence);
            var removed = command.ExecuteNonQuery();
            if (removed == 0)
            {
                return 0;
            }

            Bump(transaction, counter, removed);
            transaction.Commit();
            _counters = counter == OutboxCounters.AcknowledgedName
                ? _counters with { Acknowledged = _counters.Acknowledged + removed }
                : _counters with { Rejected = _counters.Rejected + removed };
            Interlocked.Add(ref _pending, -removed);
            return removed;
        }
    }

    /// <summary>Adds to a counter inside the caller's transaction (or as its own, for decisions).</summary>
    private void Bump(SqliteTransaction? transaction, string name, long by)
    {
        _bump.Transaction = transaction;
        _bump.Parameters["$name"].Value = name;
        _bump.Parameters["$by"].Value = by;
        _bump.ExecuteNonQuery();
    }

    private Dictionary<string, long> ReadCounters()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT name, value FROM counters";
        using var reader = command.ExecuteReader();
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counters[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counters;
    }

    private long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
