using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using EdgeControl.DeviceAgent.Hub;
using EdgeControl.Protocol;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace EdgeControl.DeviceAgent.Bench;

/// <summary>
/// One benchmark device: its own hub connection, one request every 1/rate seconds for one scenario user, the time
/// from submitting to receiving Execute recorded, and the expected outcome (the twin's physics) reported back.
/// </summary>
/// <param name="run">Tells this run's request ids from an earlier run's of the same devices (a decision's outcome is taken once).</param>
internal sealed class BenchDevice(Scenario scenario, int user, RegisteredDevice device, string run, TextWriter log) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _submittedAt = new();
    private readonly ActionSpace _actions = new(scenario);
    private DeviceHubClient? _hub;
    private long _requests;
    private long _errors;
    private int _due;
    private int _sending;

    public bool Connected => _hub?.State == HubConnectionState.Connected;

    public long Errors => Interlocked.Read(ref _errors);

    public long Unacknowledged => _hub?.Outcomes.Count ?? 0;

    public long Acknowledged => _hub?.Outcomes.Acknowledged ?? 0;

    /// <summary>Where round trips are recorded: none while connecting and draining, so they stay out of the figures.</summary>
    public LatencyRecorder? Recording { get; set; }

    /// <param name="servers">The control plane's instances: the device starts at the one its name picks, so the devices spread over them.</param>
    public async Task ConnectAsync(IReadOnlyList<Uri> servers, CancellationToken stop)
    {
        _hub = new DeviceHubClient(new ControlPlanes(servers, device.Name), device.ApiKey, ExecuteAsync, new DeviceHubClientOptions(), log);
        await _hub.StartAsync(stop);
    }

    /// <summary>The request being sent now (or the last one): awaited before the figures are read.</summary>
    public Task Sending { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Sends the next request, called by <see cref="RequestSchedule"/> every 1/rate seconds. One request at a time per
    /// device: a request due while the last is unanswered goes out as soon as it is answered (ticks that pile up meanwhile
    /// count once), as a per-device periodic timer would send it.
    /// </summary>
    public void RequestDue(CancellationToken stop)
    {
        if (!Connected)
        {
            return;
        }

        Volatile.Write(ref _due, 1);
        if (Interlocked.CompareExchange(ref _sending, 1, 0) == 0)
        {
            Sending = SendWhileDueAsync(stop);
        }
    }

    private async Task SendWhileDueAsync(CancellationToken stop)
    {
        var u = scenario.Users[user];
        var condition = scenario.Conditions[u.Network is MarkovNetwork m ? m.InitialCondition : 0];
        do
        {
            while (Interlocked.Exchange(ref _due, 0) == 1 && !stop.IsCancellationRequested)
            {
                await SubmitAsync(u.Name, condition, stop);
            }

            Volatile.Write(ref _sending, 0);
        }
        // A request due between the last check and the release above would otherwise wait for the next one.
        while (Volatile.Read(ref _due) == 1 && Interlocked.CompareExchange(ref _sending, 1, 0) == 0);
    }

    private async Task SubmitAsync(string user, NetworkCondition condition, CancellationToken stop)
    {
        var requestId = string.Create(CultureInfo.InvariantCulture, $"{device.Id:N}-{run}-{Interlocked.Increment(ref _requests)}");
        _submittedAt[requestId] = Stopwatch.GetTimestamp();
        try
        {
            await _hub!.SubmitAsync(new RequestContext(requestId, user, condition.UplinkMbps, condition.RttEdgeMs, condition.RttCloudMs, 0, condition.Name), stop);
        }
        // TimeoutException: the connection heard nothing from the server for its timeout (an overloaded machine); the
        // supervisor reconnects, and the request counts as refused rather than ending the benchmark.
        catch (Exception error) when (!stop.IsCancellationRequested && error is HubException or InvalidOperationException or IOException or TimeoutException)
        {
            _submittedAt.TryRemove(requestId, out _);
            if (Interlocked.Increment(ref _errors) == 1)
            {
                log.WriteLine($"{device.Name}: {error.Message}");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }

    private Task ExecuteAsync(ExecuteCommand command)
    {
        if (_submittedAt.TryRemove(command.RequestId, out var submitted) && Recording is { } latencies)
        {
            latencies.Add(Stopwatch.GetElapsedTime(submitted).TotalMilliseconds);
        }

        var u = scenario.Users[user];
        var condition = scenario.Conditions[u.Network is MarkovNetwork m ? m.InitialCondition : 0];
        var request = new Observation(user, u.DeviceClass, 0, condition.UplinkMbps, condition.RttEdgeMs, condition.RttCloudMs, 0,
            new int[scenario.Servers.Count], u.AccuracyRequirement, u.SloMs, u.EnergyWeight, 0);
        var action = command.Action >= 0 && command.Action < _actions.Count ? _actions.Decode(command.Action) : new PlacementAction(0, 0);
        var outcome = Physics.Expected(scenario, request, action);
        _hub!.Report(new MeasuredOutcome(0, command.RequestId, command.User, command.Action, command.Target, command.Variant,
            outcome.LatencyMs, outcome.EnergyJ, outcome.Accuracy, DateTimeOffset.UtcNow, command.Ticket));
        return Task.CompletedTask;
    }
}
