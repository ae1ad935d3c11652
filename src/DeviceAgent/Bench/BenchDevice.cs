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
internal sealed class BenchDevice(Scenario scenario, int user, RegisteredDevice device, LatencyRecorder latencies, TextWriter log) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _submittedAt = new();
    private readonly ActionSpace _actions = new(scenario);
    private DeviceHubClient? _hub;
    private long _requests;
    private long _errors;

    public bool Connected => _hub?.State == HubConnectionState.Connected;

    public long Errors => Interlocked.Read(ref _errors);

    public long Unacknowledged => _hub?.Outcomes.Count ?? 0;

    public long Acknowledged => _hub?.Outcomes.Acknowledged ?? 0;

    /// <summary>Records round trips only while set, so connecting and draining stay out of the figures.</summary>
    public bool Measuring { get; set; }

    public async Task ConnectAsync(Uri server, CancellationToken stop)
    {
        _hub = new DeviceHubClient(server, device.ApiKey, ExecuteAsync, new DeviceHubClientOptions(), log);
        await _hub.StartAsync(stop);
    }

    public async Task RunAsync(double rate, CancellationToken stop)
    {
        var period = TimeSpan.FromSeconds(1 / rate);
        // A random phase, so a thousand devices do not all send in the same millisecond.
        await Task.Delay(period * Random.Shared.NextDouble(), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        using var timer = new PeriodicTimer(period);
        var name = scenario.Users[user].Name;
        var condition = scenario.Conditions[scenario.Users[user].Network is MarkovNetwork m ? m.InitialCondition : 0];
        while (!stop.IsCancellationRequested)
        {
            if (Connected)
            {
                await SubmitAsync(name, condition, stop);
            }

            try
            {
                if (!await timer.WaitForNextTickAsync(stop))
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task SubmitAsync(string user, NetworkCondition condition, CancellationToken stop)
    {
        var requestId = string.Create(CultureInfo.InvariantCulture, $"{device.Id:N}-{Interlocked.Increment(ref _requests)}");
        _submittedAt[requestId] = Stopwatch.GetTimestamp();
        try
        {
            await _hub!.SubmitAsync(new RequestContext(requestId, user, condition.UplinkMbps, condition.RttEdgeMs, condition.RttCloudMs, 0, condition.Name), stop);
        }
        catch (Exception error) when (!stop.IsCancellationRequested && error is HubException or InvalidOperationException or IOException)
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
        if (_submittedAt.TryRemove(command.RequestId, out var submitted) && Measuring)
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
