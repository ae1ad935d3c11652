using System.Diagnostics;
using EdgeControl.Data;
using EdgeControl.Web.Resilience;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Database;

/// <summary>
/// Applies pending migrations at start-up. WebApplication starts hosted services before the server,
/// so no request ever sees an old schema; a failure here stops start-up instead of serving half a database.
/// On a fresh database Npgsql logs one failed SELECT on __EFMigrationsHistory before creating it: expected
/// (npgsql/efcore.pg#3407), not an error.
/// </summary>
internal sealed partial class DatabaseMigrator(IServiceScopeFactory scopeFactory, DatabaseRetry retry, ILogger<DatabaseMigrator> logger) : IHostedService
{
    /// <summary>How long start-up waits for a database that is still starting (compose starts both at once) or restarting.</summary>
    public static readonly TimeSpan StartupWait = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(StartupWait);
        try
        {
            await retry.ExecuteAsync("migrator", async token => await MigrateAsync(token), wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The database did not answer within {StartupWait.TotalSeconds:0} s of start-up; check ConnectionStrings:EdgeControl and that PostgreSQL is running.");
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var database = db.Database.GetDbConnection().Database;
        LogMigrating(logger, database);

        var stopwatch = Stopwatch.StartNew();
        // Retried as one unit by the caller: each migration runs in its own transaction, so a retry resumes after the last applied.
        await db.Database.MigrateAsync(cancellationToken);

        var latest = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault() ?? "none";
        LogMigrated(logger, database, latest, stopwatch.ElapsedMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying migrations to database {Database}")]
    private static partial void LogMigrating(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} is at migration {Migration} ({ElapsedMs} ms)")]
    private static partial void LogMigrated(ILogger logger, string database, string migration, long elapsedMs);
}
