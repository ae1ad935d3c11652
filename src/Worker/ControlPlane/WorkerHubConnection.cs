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
/// have restarted and forgotten it), heartbeats its load, and reconnects with backoff after any fault. Nothing here
/// stops the worker: devices keep being served with the token key it has while the control plane is away.
/// <para>
/// A heartbeat goes every heartbeat interval, and also as soon as the load changes (looked at every
/// <see cref="LoadLookEvery"/>): the control plane decides where each request runs by the loads it knows, and a load
/// from the last 5-second beat is almost always stale (in the testbed, 83% of requests were decided on loads of 0
/// while the workers' queues held 2-6 ms of waiting on average).
/// </para>
/// </summary>
internal sealed class WorkerHubConnection(
    WorkerOptions options, RegisteredWorker identity, InferenceSlots slots, ServiceOverheadProbe overhead, ILogger<WorkerHubConnection> log) : BackgroundService
{
    /// <summary>A connection that lasted less than this was refused in effect: pause before the next attempt.</summary>
    private static readonly TimeSpan HealthyConnection = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ShortConnectionPause = TimeSpan.FromSeconds(1);

    /// <summary>How often the load is compared with the last one sent: a change goes out at most this late.</summary>
    internal static readonly TimeSpan LoadLookEvery = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var profile = await slots.Ready.WaitAsync(stoppingToken);
        // Reported with the profile, so a control plane never sees a measured profile without its overhead (its twin would
        // then predict offloaded requests faster than they are); a few seconds after the profile, on an idle worker.
        var serviceOverheadMs = await overhead.Measured.WaitAsync(stoppingToken);
        var report = new WorkerProfile(
            profile.GigaMacsPerSecond, options.Slots, [.. profile.Variants.Select(v => new VariantTiming(v.Variant.Name, v.MedianMs))], serviceOverheadMs);
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
                            // On every connect: the control plane may have restarted and forgotten it.
                            await connection.InvokeAsync(WorkerContract.ReportProfile, report, token);
                        }
                        catch
                        {
                            // Connected but the report was refused or lost: the next attempt connects anew.
                            await connection.StopAsync(CancellationToken.None);
                            throw;
                        }
                    },
                    stoppingToken);
                log.Connected(hub, identity.Name, profile.GigaMacsPerSecond);
                var connectedAt = Stopwatch.GetTimestamp();
                var lost = Volatile.Read(ref closed).Task;
                await HeartbeatUntilClosedAsync(connection, lost, stoppingToken);
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

    private async Task HeartbeatUntilClosedAsync(HubConnection connection, Task closed, CancellationToken stoppingToken)
    {
        using var look = new PeriodicTimer(LoadLookEvery < options.HeartbeatInterval ? LoadLookEvery : options.HeartbeatInterval);
        WorkerLoad? sent = null;
        var sentAt = 0L;
        while (!closed.IsCompleted && !stoppingToken.IsCancellationRequested)
        {
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
}
