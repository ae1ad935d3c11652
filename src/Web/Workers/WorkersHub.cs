using System.Text.Json;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Cluster;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Devices;
using EdgeControl.Web.Resilience;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Workers;

/// <summary>
/// The hub workers hold a connection to (<see cref="WorkerContract.HubPath"/>), authenticated with the worker's API key
/// (<see cref="DeviceKeyAuthentication.WorkerPolicyName"/>: a device's key is refused). A worker heartbeats with its
/// load, which keeps it online (its server can be chosen) and is the load decisions see for its server, and reports its
/// self-profile once measured. Revoking the worker closes its connections like a device's.
/// </summary>
internal sealed partial class WorkersHub(
    WorkerRegistry registry,
    WorkerStatusRelay relay,
    DeviceConnections connections,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<WorkersHub> logger) : Hub
{
    private const string NodeIdItem = "nodeId";

    private Guid NodeId => (Guid)Context.Items[NodeIdItem]!;

    public override async Task OnConnectedAsync()
    {
        var nodeId = DeviceClaims.NodeIdOf(Context.User);
        Context.Items[NodeIdItem] = nodeId;
        if (!registry.Knows(nodeId))
        {
            // Registered through another instance since this one started.
            await using var scope = scopes.CreateAsyncScope();
            await WorkerRegistryLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>(), registry, nodeId, Context.ConnectionAborted);
        }

        connections.Opened(Context);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Closed(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The worker is alive and holds <paramref name="load"/>: its server can be chosen, with this load.</summary>
    public void Heartbeat(WorkerLoad? load)
    {
        if (WorkerReports.LoadProblem(load) is { } problem)
        {
            throw new HubException(problem);
        }

        registry.Beat(NodeId, load!);
        relay.Beaten(NodeId, load!);
    }

    /// <summary>
    /// Stores the worker's self-profile on its node (<c>measured_profile</c>, <c>profiled_at</c>: what the dashboard and
    /// API show) and appends it to the node's history (<c>worker_profiles</c>: what the testbed report calibrates each
    /// request with).
    /// </summary>
    public async Task ReportProfile(WorkerProfile? profile)
    {
        var (checkedProfile, problem) = WorkerReports.Check(profile);
        if (problem is not null)
        {
            throw new HubException(problem);
        }

        var nodeId = NodeId;
        var now = clock.GetUtcNow();
        var json = JsonSerializer.Serialize(checkedProfile, WorkerReports.Json);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
            // One SaveChanges, one transaction: the node's latest profile and its history never disagree.
            if (await db.Nodes.SingleOrDefaultAsync(n => n.Id == nodeId, Context.ConnectionAborted) is { } node)
            {
                node.MeasuredProfile = json;
                node.ProfiledAt = now;
                db.WorkerProfiles.Add(new WorkerProfileEntity { NodeId = nodeId, ReportedAt = now, Profile = json });
                await db.SaveChangesAsync(Context.ConnectionAborted);
            }
        }
        catch (Exception error) when (DatabaseErrors.IsUnavailable(error))
        {
            // Not refused: a worker reports its profile on every connect, and a refusal would keep it reconnecting
            // (so offline, and masked) for as long as the database is away. Shown from memory until it reports again.
            LogProfileNotStored(logger, nodeId);
        }

        registry.Profiled(nodeId, checkedProfile!, now);
        relay.Changed(nodeId);
        LogProfiled(logger, nodeId, checkedProfile!.GigaMacsPerSecond, checkedProfile.Slots, checkedProfile.Variants.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {NodeId} reported its profile while the database is unavailable: kept in memory only, stored when it reports again")]
    private static partial void LogProfileNotStored(ILogger logger, Guid nodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {NodeId} reported its profile: {GigaMacsPerSecond} GMAC/s per slot, {Slots} slots, {Variants} variants timed")]
    private static partial void LogProfiled(ILogger logger, Guid nodeId, double gigaMacsPerSecond, int slots, int variants);
}
