using System.Data.Common;
using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// Once per heartbeat interval, marks devices that missed <see cref="DeviceHubOptions.MissedHeartbeats"/> heartbeats
/// offline (in memory, so they get no decisions, and in <c>nodes.status</c>), and forgets decisions whose outcome never came.
/// </summary>
internal sealed partial class HeartbeatMonitor(
    IServiceScopeFactory scopes,
    DeviceLiveness liveness,
    PendingDecisions pending,
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
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
                    var marked = await db.Nodes
                        .Where(n => n.Tier == NodeTiers.Device && n.Status == NodeStatuses.Online && (n.LastHeartbeatAt == null || n.LastHeartbeatAt < cutoff))
                        .ExecuteUpdateAsync(set => set.SetProperty(n => n.Status, NodeStatuses.Offline), stoppingToken);
                    if (marked > 0)
                    {
                        LogMarkedOffline(logger, marked, settings.MissedHeartbeats);
                    }
                }
                catch (Exception error) when (error is DbException or InvalidOperationException or TimeoutException)
                {
                    // The in-memory state already refuses decisions; the status catches up at the next tick.
                    LogUpdateFailed(logger, error);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Marked {Count} devices offline: they missed {Missed} heartbeats")]
    private static partial void LogMarkedOffline(ILogger logger, int count, int missed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark silent devices offline; retrying at the next heartbeat interval")]
    private static partial void LogUpdateFailed(ILogger logger, Exception error);
}
