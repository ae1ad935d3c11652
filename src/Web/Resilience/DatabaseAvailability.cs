namespace EdgeControl.Web.Resilience;

/// <summary>
/// Whether the database answers, as the background writers last found it. Every writer reports here, so the state
/// changes (and is logged) once per outage, not once per retry of every writer; the dashboard's banner and the
/// readiness probe read it.
/// </summary>
internal sealed partial class DatabaseAvailability(TimeProvider clock, ILogger<DatabaseAvailability> logger)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _unavailableSince;
    private string? _lastError;
    private long _failures;

    /// <summary>Raised after the database became unavailable or available again.</summary>
    public event Action? Changed;

    /// <summary>When the current outage began, or null while the database answers.</summary>
    public DateTimeOffset? UnavailableSince
    {
        get
        {
            lock (_lock)
            {
                return _unavailableSince;
            }
        }
    }

    /// <summary>What the last failed attempt said, while the database is unavailable.</summary>
    public string? LastError
    {
        get
        {
            lock (_lock)
            {
                return _lastError;
            }
        }
    }

    public bool IsAvailable => UnavailableSince is null;

    /// <summary>Failed writes reported since start (every retry of every writer counts): the metrics read it.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>A write (by <paramref name="writer"/>) failed for a reason that is the database's, not the data's.</summary>
    public void ReportFailure(string writer, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Interlocked.Increment(ref _failures);
        bool changed;
        lock (_lock)
        {
            changed = _unavailableSince is null;
            _unavailableSince ??= clock.GetUtcNow();
            _lastError = error.Message;
        }

        if (changed)
        {
            LogUnavailable(logger, error, writer);
            Changed?.Invoke();
        }
    }

    /// <summary>A write succeeded: the database answers.</summary>
    public void ReportSuccess()
    {
        DateTimeOffset? since;
        lock (_lock)
        {
            since = _unavailableSince;
            _unavailableSince = null;
            _lastError = null;
        }

        if (since is { } began)
        {
            var seconds = (clock.GetUtcNow() - began).TotalSeconds;
            LogAvailable(logger, seconds);
            Changed?.Invoke();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable (first seen by the {Writer}): decisions continue from memory, writes wait in their queues and are retried")]
    private static partial void LogUnavailable(ILogger logger, Exception error, string writer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database available again after {Seconds:0.0} s: writing what waited")]
    private static partial void LogAvailable(ILogger logger, double seconds);
}
