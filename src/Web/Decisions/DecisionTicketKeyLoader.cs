using System.Security.Cryptography;
using EdgeControl.Data;
using EdgeControl.Web.Database;
using EdgeControl.Web.Resilience;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Decisions;

/// <summary>
/// Reads the decision-ticket key at start-up, creating it on the first start (32 random bytes, inserted only if no
/// instance was first), so tickets survive restarts and every instance of the control plane signs alike. Registered
/// after <see cref="DatabaseMigrator"/>, which runs first: hosted services start in order, before the server listens.
/// </summary>
internal sealed partial class DecisionTicketKeyLoader(
    IServiceScopeFactory scopes, DatabaseRetry retry, DecisionTickets tickets, ILogger<DecisionTicketKeyLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(DatabaseMigrator.StartupWait);
        try
        {
            tickets.UseKey(await retry.ExecuteAsync("decision ticket key", LoadAsync, wait.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The database did not answer within {DatabaseMigrator.StartupWait.TotalSeconds:0} s of start-up, so the decision ticket key could not be read.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async ValueTask<byte[]> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var candidate = RandomNumberGenerator.GetBytes(DecisionTicketKeyEntity.KeyLength);
        var created = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO decision_ticket_keys (id, key) VALUES ({DecisionTicketKeyEntity.CurrentId}, {candidate}) ON CONFLICT (id) DO NOTHING",
            cancellationToken);
        if (created > 0)
        {
            LogCreated(logger);
        }

        return await db.DecisionTicketKeys.Where(k => k.Id == DecisionTicketKeyEntity.CurrentId).Select(k => k.Key).SingleAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the decision ticket key (first start on this database)")]
    private static partial void LogCreated(ILogger logger);
}
