using System.Text.Json;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Database;
using EdgeControl.Web.Resilience;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Workers;

/// <summary>
/// Reads the registered workers into the <see cref="WorkerRegistry"/> at start-up, before the server listens, so the
/// first decision already knows which servers have a worker (and masks those not yet heartbeating). Registered after
/// <see cref="DatabaseMigrator"/>: hosted services start in order.
/// </summary>
internal sealed class WorkerRegistryLoader(IServiceScopeFactory scopes, DatabaseRetry retry, WorkerRegistry registry) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(DatabaseMigrator.StartupWait);
        try
        {
            await retry.ExecuteAsync("worker registry", async token =>
            {
                await using var scope = scopes.CreateAsyncScope();
                await LoadAsync(scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>(), registry, nodeId: null, token);
            }, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The database did not answer within {DatabaseMigrator.StartupWait.TotalSeconds:0} s of start-up, so the registered workers could not be read.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Adds the stored workers (or only <paramref name="nodeId"/>) to <paramref name="registry"/>.</summary>
    public static async Task LoadAsync(EdgeControlDbContext db, WorkerRegistry registry, Guid? nodeId, CancellationToken cancellationToken)
    {
        var workers = await db.Nodes.AsNoTracking()
            .Where(n => n.Tier != NodeTiers.Device && n.Url != null && n.TokenKey != null && (nodeId == null || n.Id == nodeId))
            .ToListAsync(cancellationToken);
        foreach (var node in workers)
        {
            registry.Add(
                new WorkerNode(node.Id, node.Name, node.Tier, node.Url!, node.TokenKey!, node.ProfileName, node.CreatedAt, node.Status == NodeStatuses.Revoked),
                node.MeasuredProfile is null ? null : JsonSerializer.Deserialize<WorkerProfile>(node.MeasuredProfile, WorkerReports.Json),
                node.ProfiledAt,
                node.LastHeartbeatAt);
        }
    }
}
