using EdgeControl.Data;
using EdgeControl.Web.Resilience;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Accounts.Sessions;

/// <summary>
/// Deletes expired <c>account_sessions</c> rows (an expired session is refused anyway; this only keeps the table to
/// the live sessions), at start-up and then every <see cref="Every"/>, at most <see cref="BatchRows"/> per statement
/// so a sweep never holds locks for long, through the writers' shared retry policy. Registered as a singleton too, so
/// a sweep can be run on demand.
/// </summary>
internal sealed partial class ExpiredSessionPruning(
    IServiceScopeFactory scopes, AccountSessionStore sessions, DatabaseRetry retry, TimeProvider clock, ILogger<ExpiredSessionPruning> logger)
    : PeriodicSweep(retry, clock, logger)
{
    /// <summary>Often enough that the table holds about the live sessions; an expired one is refused either way.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    public const int BatchRows = 1_000;

    /// <summary>Deletes every session expired by now, batch by batch, and returns how many went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        sessions.ForgetExpired(now);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var pruned = 0;
        int batch;
        do
        {
            batch = await db.AccountSessions
                .Where(s => s.ExpiresAt <= now)
                .OrderBy(s => s.ExpiresAt)
                .Take(BatchRows)
                .ExecuteDeleteAsync(cancellationToken);
            pruned += batch;
        }
        while (batch == BatchRows);

        if (pruned > 0)
        {
            LogPruned(Logger, pruned);
        }

        return pruned;
    }

    protected override string Name => "session pruning";

    protected override TimeSpan Interval => Every;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => PruneAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session pruning: deleted {Count} expired sessions")]
    private static partial void LogPruned(ILogger logger, int count);
}
