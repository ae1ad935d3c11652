using EdgeControl.Web.Database;
using EdgeControl.Web.Resilience;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EdgeControl.Web.Cluster;

/// <summary>
/// Makes sure the shared key ring holds a key before this instance serves, under a PostgreSQL advisory lock. Without
/// it, instances started together on an empty database would each create a key of their own, each protect with its
/// own as default, and refuse the other's cookies until a key-ring refresh (up to 24 h) made them read each other's.
/// Under the lock the first creates the key and the others find it. Later keys are created by Data Protection itself
/// two days before the current one expires, activated only then, so every instance has read them by the time they
/// are used.
/// </summary>
internal sealed partial class SharedKeyRingInitializer(
    IKeyManager keys, IOptions<DatabaseOptions> database, DatabaseRetry retry, TimeProvider clock, ILogger<SharedKeyRingInitializer> logger) : IHostedService
{
    /// <summary>The advisory lock key: "EdgeKeyR" in ASCII, unlikely to collide with another application's.</summary>
    private const long LockKey = 0x456467654B657952;

    /// <summary>Data Protection's own default key lifetime.</summary>
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(90);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(DatabaseMigrator.StartupWait);
        try
        {
            await retry.ExecuteAsync("data protection key ring", EnsureKeyAsync, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The database did not answer within {DatabaseMigrator.StartupWait.TotalSeconds:0} s of start-up, so the Data Protection key ring could not be read.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async ValueTask EnsureKeyAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database.Value.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", connection))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var now = clock.GetUtcNow();
            // The key manager reads the table anew on every call: what another instance stored is seen here.
            if (!keys.GetAllKeys().Any(key => !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now))
            {
                keys.CreateNewKey(now, now + KeyLifetime);
                LogCreated(logger);
            }
        }
        finally
        {
            // The lock also ends with the connection; unlocking first frees the next instance sooner.
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first Data Protection key in the shared key ring (first start on this database)")]
    private static partial void LogCreated(ILogger logger);
}
