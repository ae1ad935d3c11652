using EdgeControl.Data;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Resilience;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// Once per heartbeat interval, writes the interval's heartbeats to <c>nodes</c> (one statement), marks devices and workers that missed <see cref="DeviceHubOptions.MissedHeartbeats"/> heartbeats
/// offline (in memory, so they get no decisions, and in <c>nodes.status</c>), and forgets decisions whose outcome never came.
/// </summary>
internal sealed partial class HeartbeatMonitor(
    IServiceScopeFactory scopes,
    DeviceLiveness liveness,
    PendingDecisions pending,
    DatabaseAvailability availability,
    IOptions<DeviceHubOptions> options,
    TimeProvider clock,
    ILogger<HeartbeatMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.HeartbeatInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = clock.GetUtcNow();
                var cutoff = now - settings.OfflineAfter;
                liveness.ForgetSilentSince(cutoff);
                pending.ForgetOlderThan(now - settings.PendingDecisionTimeout);
                var heartbeats = liveness.TakeUnwritten();
                try
                {
                    // One attempt per tick: the in-memory state already decides who gets decisions, and the next tick
                    // carries these heartbeats too, so waiting out an outage here would only delay them.
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
                    await WriteHeartbeatsAsync(db, heartbeats, stoppingToken);
                    heartbeats = null;
                    var marked = await db.Nodes
                        .Where(n => n.Status == NodeStatuses.Online && (n.LastHeartbeatAt == null || n.LastHeartbeatAt < cutoff))
                        .ExecuteUpdateAsync(set => set.SetProperty(n => n.Status, NodeStatuses.Offline), stoppingToken);
                    availability.ReportSuccess();
                    if (marked > 0)
                    {
                        LogMarkedOffline(logger, marked, settings.MissedHeartbeats);
                    }
                }
#pragma warning disable CA1031 // Any failure of the database or the network: the loop goes on, the outage is logged once.
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    availability.ReportFailure("heartbeat monitor", error);
                    if (heartbeats is not null)
                    {
                        liveness.ReturnUnwritten(heartbeats);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static async Task WriteHeartbeatsAsync(EdgeControlDbContext db, IReadOnlyDictionary<Guid, DateTimeOffset> heartbeats, CancellationToken cancellationToken)
    {
        if (heartbeats.Count == 0)
        {
            return;
        }

        var ids = heartbeats.Keys.ToArray();
        var times = ids.Select(id => heartbeats[id].ToUniversalTime()).ToArray();
        // A revoked device keeps its status; a heartbeat never moves last_heartbeat_at backwards.
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE nodes SET last_heartbeat_at = beat.at, status = {NodeStatuses.Online}
            FROM unnest({ids}, {times}) AS beat(id, at)
            WHERE nodes.id = beat.id AND nodes.status <> {NodeStatuses.Revoked}
              AND (nodes.last_heartbeat_at IS NULL OR nodes.last_heartbeat_at <= beat.at)
            """,
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Marked {Count} nodes (devices or workers) offline: they missed {Missed} heartbeats")]
    private static partial void LogMarkedOffline(ILogger logger, int count, int missed);

}
