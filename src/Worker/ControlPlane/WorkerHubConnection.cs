using System.Diagnostics;
using EdgeControl.Protocol;
using EdgeControl.Worker.Execution;
using EdgeControl.Worker.Options;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace EdgeControl.Worker.ControlPlane;

/// <summary>
/// The worker's connection to the control plane's worker hub, kept up for as long as the worker runs: once the
/// self-profile and the service overhead are measured it connects with the worker's API key, reports the profile on every connect (the server may
/// have restarted and forgotten it), heartbeats its load, reports the in-service profile whenever it has moved
/// (<see cref="ProfileFollower"/>), and reconnects with backoff after any fault. Nothing here
/// stops the worker: devices keep being served with the token key it has while the control plane is away.
/// <para>
/// A heartbeat goes every heartbeat interval, and also as soon as the load changes (looked at every
/// <see cref="LoadLookEvery"/>): the control plane decides where each request runs by the loads it knows, and a load
/// from the last 5-second beat is almost always stale (in the testbed, 83% of requests were decided on loads of 0
/// while the workers' queues held 2-6 ms of waiting on average).
/// </para>
/// </summary>
internal sealed class WorkerHubConnection(
    WorkerOptions options, RegisteredWorker identity, InferenceSlots slots, ServiceOverheadProbe overhead, ProfileFollower follower, ILogger<WorkerHubConnection> log)
    : BackgroundService
{
    /// <summary>A connection that lasted less than this was refused in effect: pause before the next attempt.</summary>
    private static readonly TimeSpan HealthyConnection = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ShortConnectionPause = TimeSpan.FromSeconds(1);

    /// <summary>How often the load is compared with the last one sent: a change goes out at most this late.</summary>
    internal static readonly TimeSpan LoadLookEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>The profile the control plane was last given (on connect or since), which a moved profile is compared with.</summary>
    private WorkerProfile? _reported;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await slots.Ready.WaitAsync(stoppingToken);
        // Reported with the profile, so a control plane never sees a measured profile without its overhead (its twin would
        // then predict offloaded requests faster than they are); a few seconds after the profile, on an idle worker.
        var serviceOverheadMs = await overhead.Measured.WaitAsync(stoppingToken);
        var hub = ControlPlaneAddress.Of(options.Server!, WorkerContract.HubPath);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(hub, http =>
            {
                http.Headers[DeviceHubContract.ApiKeyHeader] = identity.ApiKey;
                http.SkipNegotiation = true;
                http.Transports = HttpTransportType.WebSockets;
            })
            .AddMessagePackProtocol()
            .Build();
        // Completed by the connection's Closed event; a new one before every connect attempt, so a close from an
        // earlier attempt (a refused profile report) is not taken for the end of the next connection.
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += error =>
        {
            Volatile.Read(ref closed).TrySetResult(error);
            return Task.CompletedTask;
        };
        var connect = ControlPlaneRetry.Forever(log.ControlPlaneFault, $"connect to {hub}");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await connect.ExecuteAsync(
                    async token =>
                    {
                        Volatile.Write(ref closed, new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously));
                        await connection.StartAsync(token);
                        try
                        {
                            // On every connect: the control plane may have restarted and forgotten it. The profile as
                            // it is now: the start-up one, or the in-service one once enough passes were served.
                            var report = follower.Current(serviceOverheadMs);
                            await connection.InvokeAsync(WorkerContract.ReportProfile, report, token);
                            Volatile.Write(ref _reported, report);
                        }
                        catch
                        {
                            // Connected but the report was refused or lost: the next attempt connects anew.
                            await connection.StopAsync(CancellationToken.None);
                            throw;
                        }
                    },
                    stoppingToken);
                var reportedGigaMacs = Volatile.Read(ref _reported)!.GigaMacsPerSecond;
                log.Connected(hub, identity.Name, reportedGigaMacs);
                var connectedAt = Stopwatch.GetTimestamp();
                var lost = Volatile.Read(ref closed).Task;
                await HeartbeatUntilClosedAsync(connection, lost, serviceOverheadMs, stoppingToken);
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                log.ConnectionLost(hub, lost.Result is { } error ? ControlPlaneRetry.Describe(error) : "closed by the server");
                if (Stopwatch.GetElapsedTime(connectedAt) < HealthyConnection)
                {
                    // A server that accepts and at once drops the connection must not be reconnected to in a tight loop.
                    await Task.Delay(ShortConnectionPause, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task HeartbeatUntilClosedAsync(HubConnection connection, Task closed, double? serviceOverheadMs, CancellationToken stoppingToken)
    {
        using var look = new PeriodicTimer(LoadLookEvery < options.HeartbeatInterval ? LoadLookEvery : options.HeartbeatInterval);
        WorkerLoad? sent = null;
        var sentAt = 0L;
        var profileLookedAt = Stopwatch.GetTimestamp();
        while (!closed.IsCompleted && !stoppingToken.IsCancellationRequested)
        {
            if (Stopwatch.GetElapsedTime(profileLookedAt) >= options.ProfileReportEvery)
            {
                profileLookedAt = Stopwatch.GetTimestamp();
                await ReportMovedProfileAsync(connection, serviceOverheadMs, stoppingToken);
            }

            var load = slots.Load;
            if (load != sent || Stopwatch.GetElapsedTime(sentAt) >= options.HeartbeatInterval)
            {
                try
                {
                    // Sent without waiting for an answer: one answer lost on a bad link must not hold back the next heartbeat.
                    await connection.SendAsync(WorkerContract.Heartbeat, load, stoppingToken);
                    sent = load;
                    sentAt = Stopwatch.GetTimestamp();
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    log.HeartbeatFailed(ControlPlaneRetry.Describe(error));
                    sentAt = Stopwatch.GetTimestamp();
                }
            }

            Task next = Task.WhenAny(look.WaitForNextTickAsync(stoppingToken).AsTask(), closed).WaitAsync(stoppingToken);
            await next.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Reports the in-service profile when it has moved from the one last reported (<see cref="ProfileFollower.MovedBy"/>),
    /// through the same hub method as the start-up profile, so the control plane stores it on the node the same way.
    /// Sent without waiting for the answer, as heartbeats are: a failure is logged and the next look tries again.
    /// </summary>
    private async Task ReportMovedProfileAsync(HubConnection connection, double? serviceOverheadMs, CancellationToken stoppingToken)
    {
        if (Volatile.Read(ref _reported) is not { } reported || follower.Moved(reported, serviceOverheadMs) is not { } moved)
        {
            return;
        }

        try
        {
            await connection.SendAsync(WorkerContract.ReportProfile, moved, stoppingToken);
            Volatile.Write(ref _reported, moved);
        }
        catch (Exception error) when (!stoppingToken.IsCancellationRequested)
        {
            log.ProfileReportFailed(ControlPlaneRetry.Describe(error));
        }
    }
}
