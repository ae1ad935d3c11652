using EdgeControl.Data;
using EdgeControl.Web.Resilience;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Accounts.Sessions;

/// <summary>
/// Deletes expired <c>account_sessions</c> rows (an expired session is refused anyway; this only keeps the table to
/// the live sessions), at start-up and then every <see cref="Interval"/>, at most <see cref="BatchRows"/> per statement
/// so a sweep never holds locks for long, through the writers' shared retry policy. Registered as a singleton too, so
/// a sweep can be run on demand.
/// </summary>
internal sealed partial class ExpiredSessionPruning(
    IServiceScopeFactory scopes, AccountSessionStore sessions, DatabaseRetry retry, TimeProvider clock, ILogger<ExpiredSessionPruning> logger)
    : BackgroundService
{
    /// <summary>Often enough that the table holds about the live sessions; an expired one is refused either way.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public const int BatchRows = 1_000;

    /// <summary>Deletes every session expired by now, batch by batch, and returns how many went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
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
            LogPruned(logger, pruned);
        }

        return pruned;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await retry.ExecuteAsync("session pruning", async token => await PruneAsync(token), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Only a refused statement gets here (the retry waits out outages); the rows are still there at the next sweep.
            catch (Exception error)
#pragma warning restore CA1031
            {
                LogPruneFailed(logger, error);
            }
        }
        while (await WaitForNextAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitForNextAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session pruning: deleted {Count} expired sessions")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session pruning failed; trying again at the next sweep")]
    private static partial void LogPruneFailed(ILogger logger, Exception error);
}
