using EdgeControl.Data;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Devices;
using EdgeControl.Web.Workers;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Cluster;

/// <summary>
/// What a revoked node (device or worker) loses on every instance, whichever instance the admin revoked it on: its
/// open hub connections are closed, whatever it still sends over one is refused, and everything this instance cached
/// about it for authenticating or serving it (its verified keys, its hosted users, its worker entry) is forgotten. The
/// instance that revoked it does this at once and tells the others over <see cref="ClusterChannels.Revoked"/>; an
/// instance whose bus was away re-checks the nodes it holds against the database when the bus is back.
/// </summary>
internal sealed partial class NodeRevocations(
    ClusterBus bus,
    VerifiedDeviceKeys verified,
    DeviceConnections connections,
    HostedUsers hostedUsers,
    WorkerRegistry workers,
    IServiceScopeFactory scopes,
    ILogger<NodeRevocations> logger) : IHostedService
{
    private IDisposable? _subscription;

    /// <summary>The node's revocation was committed: forget it here, then on every other instance.</summary>
    public async Task RevokedAsync(Guid nodeId, CancellationToken cancellationToken)
    {
        ForgetHere(nodeId);
        await bus.PublishAsync(ClusterChannels.Revoked, nodeId.ToString("D"), cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = bus.Subscribe(ClusterChannels.Revoked, OnRevoked);
        bus.Reconnected += OnBusReconnected;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        bus.Reconnected -= OnBusReconnected;
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void ForgetHere(Guid nodeId)
    {
        verified.ForgetDevice(nodeId);
        hostedUsers.Forget(nodeId);
        workers.Revoke(nodeId);
        connections.Revoke(nodeId);
    }

    private void OnRevoked(string payload)
    {
        if (!Guid.TryParse(payload, out var nodeId))
        {
            LogMalformed(logger, payload);
            return;
        }

        ForgetHere(nodeId);
    }

    private void OnBusReconnected() => _ = CatchUpAsync();

    /// <summary>Revocations this instance may have missed while its bus was away, for the nodes it holds something of.</summary>
    private async Task CatchUpAsync()
    {
        try
        {
            var held = connections.NodeIds().Concat(verified.NodeIds()).Distinct().ToList();
            if (held.Count == 0)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
            var revoked = await db.Nodes.AsNoTracking()
                .Where(n => held.Contains(n.Id) && n.Status == NodeStatuses.Revoked)
                .Select(n => n.Id)
                .ToListAsync();
            foreach (var nodeId in revoked)
            {
                ForgetHere(nodeId);
            }
        }
#pragma warning disable CA1031 // A background catch-up: logged; the next reconnect (or the node's next authentication) checks again.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogCatchUpFailed(logger, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a revocation message that holds no node id: '{Payload}'")]
    private static partial void LogMalformed(ILogger logger, string payload);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-check revocations after the cluster bus came back")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception error);
}
