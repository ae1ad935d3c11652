using System.Diagnostics;
using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Database;

/// <summary>
/// Applies pending migrations at start-up. WebApplication starts hosted services before the server,
/// so no request ever sees an old schema; a failure here stops start-up instead of serving half a database.
/// On a fresh database Npgsql logs one failed SELECT on __EFMigrationsHistory before creating it: expected
/// (npgsql/efcore.pg#3407), not an error.
/// </summary>
internal sealed partial class DatabaseMigrator(IServiceScopeFactory scopeFactory, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var database = db.Database.GetDbConnection().Database;
        LogMigrating(logger, database);

        var stopwatch = Stopwatch.StartNew();
        // A retrying strategy must run the migration as one unit, so a transient failure retries all of it.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(db, static (context, ct) => context.Database.MigrateAsync(ct), cancellationToken);

        var latest = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault() ?? "none";
        LogMigrated(logger, database, latest, stopwatch.ElapsedMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying migrations to database {Database}")]
    private static partial void LogMigrating(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} is at migration {Migration} ({ElapsedMs} ms)")]
    private static partial void LogMigrated(ILogger logger, string database, string migration, long elapsedMs);
}
