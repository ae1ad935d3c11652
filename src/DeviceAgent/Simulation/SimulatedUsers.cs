using System.Collections.Concurrent;
using System.Globalization;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using EdgeControl.DeviceAgent.Hub;
using EdgeControl.DeviceAgent.Network;
using EdgeControl.DeviceAgent.Offload;
using EdgeControl.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace EdgeControl.DeviceAgent.Simulation;

/// <summary>
/// The scenario's first N users, living on the digital twin: their requests arrive as the twin draws them (Poisson per
/// user, paced to the wall clock), each is submitted to the hub, and the decided action is executed on the twin, whose
/// physics and measurement noise give the outcome. The outcome is reported when the simulated execution would end.
/// With <c>--real</c> (<see cref="RealDevice"/>), on-device placements run MobileNetV1 on this CPU, placements on a
/// server with a registered worker run there, both report what they measured, and the round trips in each request's
/// context are measured ones; a placement on a server without a worker stays simulated.
/// </summary>
internal sealed class SimulatedUsers
{
    private static readonly TimeSpan DecisionTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RefusedPause = TimeSpan.FromSeconds(1);

    /// <summary>Between asking again after a connection fault: the client needs a moment to notice the connection is gone.</summary>
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);

    private readonly Scenario _scenario;
    private readonly long _seed;
    private readonly TraceReplay? _replay;
    private readonly RealDevice? _real;
    private readonly ConditionChanges _conditions;
    private readonly ChangeLog _refusals;
    private readonly TextWriter _log;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ExecuteCommand>> _awaiting = new();
    private readonly string _runTag = Guid.NewGuid().ToString("N")[..8];
    private long _decided;
    private long _requests;

    /// <param name="scenario">The scenario with only the users hosted here.</param>
    /// <param name="replay">When to start the users' trace over (for A/B windows), or null to run it on.</param>
    /// <param name="shaper">Shapes the uplink to the one hosted user's network condition, or null.</param>
    public SimulatedUsers(Scenario scenario, long seed, TraceReplay? replay, RealDevice? real, UplinkShaper? shaper, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenario = scenario;
        _seed = seed;
        _replay = replay;
        _log = log;
        _real = real;
        _conditions = new ConditionChanges(scenario, shaper, log);
        _refusals = new ChangeLog(log);
    }

    /// <summary>Requests that got a decision and were executed.</summary>
    public long Decided => Interlocked.Read(ref _decided);

    /// <summary>The hub's Execute handler.</summary>
    public Task ExecuteAsync(ExecuteCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.WorkerUrl is { } worker)
        {
            _real?.Rtt.Learn(command.TargetTier, worker);
        }

        if (_awaiting.TryRemove(command.RequestId, out var waiting))
        {
            waiting.TrySetResult(command);
        }

        return Task.CompletedTask;
    }

    public async Task RunAsync(DeviceHubClient hub, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(hub);
        var twin = new EdgeCloudTwin(_scenario);
        var request = twin.Reset(_seed);
        var start = DateTimeOffset.UtcNow;
        var replayAt = _replay?.FirstAtOrAfter(start);
        var executions = new List<Task> { _real?.Rtt.RunAsync(stop) ?? Task.CompletedTask };
        while (!stop.IsCancellationRequested)
        {
            var dueAt = start + TimeSpan.FromSeconds(request.TimeSeconds);
            var replayFirst = replayAt <= dueAt;
            var wait = (replayFirst ? replayAt!.Value : dueAt) - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (stop.IsCancellationRequested)
                {
                    break;
                }
            }

            if (replayFirst)
            {
                // The request that was due next is dropped with the rest of the old trace: the replay starts afresh.
                request = twin.Reset(_seed);
                start = replayAt!.Value;
                replayAt = start + _replay!.Every;
                _log.WriteLine(string.Create(
                    CultureInfo.InvariantCulture, $"replaying the users' requests from the start of their trace (at {start:HH:mm:ss.fff} UTC, every {_replay.Every.TotalSeconds:0.###} s)"));
                continue;
            }

            await _conditions.ObserveAsync(request, stop);
            var command = await DecideAsync(hub, request, stop);
            if (command is null)
            {
                // The user waited; its request is due now and the ones after it follow at the usual pace, rather
                // than all the requests of a long outage at once when the server is back.
                start = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(request.TimeSeconds);
                continue;
            }

            var action = Decode(command);
            if (action is null)
            {
                _refusals.Note($"ignoring a decision for unknown target '{command.Target}' or variant '{command.Variant}': is the server running another scenario?");
                continue;
            }

            var result = twin.Step(action.Value);
            Interlocked.Increment(ref _decided);
            executions.RemoveAll(t => t.IsCompleted);
            executions.Add(ReportWhenDoneAsync(hub, command, action.Value, request.UplinkMbps, result.Outcome, stop));
            request = result.Next;
        }

        await Task.WhenAll(executions);
    }

    /// <summary>
    /// One request's decision (asked with Decide; the answer comes through ExecuteAsync), counted as answered or refused. A request whose
    /// connection is not up, or is lost before the answer, is asked again (same request id) on the next connection,
    /// which may be another control-plane instance, until <see cref="DecisionTimeout"/> from the first ask; only then,
    /// or when the server refuses it, it counts as refused: logged when the reason differs from the last one, and the
    /// user pauses. Only our own stop ends the loop.
    /// </summary>
    private async Task<ExecuteCommand?> DecideAsync(DeviceHubClient hub, Observation request, CancellationToken stop)
    {
        var requestId = string.Create(CultureInfo.InvariantCulture, $"{_runTag}-{Interlocked.Increment(ref _requests)}");
        var answer = new TaskCompletionSource<ExecuteCommand>(TaskCreationOptions.RunContinuationsAsynchronously);
        _awaiting[requestId] = answer;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(DecisionTimeout);
        try
        {
            while (true)
            {
                try
                {
                    var closed = await hub.ConnectedAsync(deadline.Token);
                    await hub.SubmitAsync(ContextOf(requestId, request), deadline.Token);
                    if (await Task.WhenAny(answer.Task, closed).WaitAsync(deadline.Token) == answer.Task)
                    {
                        break;
                    }
                }
                catch (Exception error) when (!deadline.IsCancellationRequested && error is not HubException && HubFaults.IsDisconnect(error))
                {
                    // Lost under the call: asked again once the client is connected again.
                    await Task.Delay(RetryPause, deadline.Token);
                }
            }

            _refusals.Note("decisions are answered");
            Count(hub, answered: true);
            return await answer.Task;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception error)
        {
            var reason = error switch
            {
                HubException => error.Message,
                OperationCanceledException => string.Create(CultureInfo.InvariantCulture, $"no answer within {DecisionTimeout.TotalSeconds:0} s"),
                _ => HubFaults.Describe(error),
            };
            _refusals.Note($"no decision: {reason}");
            Count(hub, answered: false);
            await Task.Delay(RefusedPause, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return null;
        }
        finally
        {
            _awaiting.TryRemove(requestId, out _);
        }
    }

    private void Count(DeviceHubClient hub, bool answered)
    {
        try
        {
            hub.Outcomes.CountDecision(answered);
        }
        catch (Microsoft.Data.Sqlite.SqliteException error)
        {
            _refusals.Note($"cannot count a decision in the outbox: {error.Message}");
        }
    }

    private RequestContext ContextOf(string requestId, Observation request) => new(
        requestId,
        _scenario.Users[request.User].Name,
        request.UplinkMbps,
        _real?.Rtt.SmoothedMs(TierNames.Of(Tier.Edge)) ?? request.RttEdgeMs,
        _real?.Rtt.SmoothedMs(TierNames.Of(Tier.Cloud)) ?? request.RttCloudMs,
        request.LocalLoad,
        _scenario.Conditions[request.NetworkCondition].Name);

    /// <summary>The decided action by target and variant name, so a server whose catalog is ordered differently still means the same thing.</summary>
    private PlacementAction? Decode(ExecuteCommand command)
    {
        var variant = -1;
        for (var v = 0; v < _scenario.Catalog.Count; v++)
        {
            if (_scenario.Catalog[v].Name == command.Variant)
            {
                variant = v;
            }
        }

        if (variant < 0)
        {
            return null;
        }

        if (command.TargetTier == TierNames.Of(Tier.Device))
        {
            return new PlacementAction(PlacementAction.Local, variant);
        }

        for (var s = 0; s < _scenario.Servers.Count; s++)
        {
            if (_scenario.Servers[s].Name == command.Target)
            {
                return new PlacementAction(s + 1, variant);
            }
        }

        return null;
    }

    /// <param name="uplinkMbps">The user's uplink when the request arrived (its network condition).</param>
    private async Task ReportWhenDoneAsync(
        DeviceHubClient hub, ExecuteCommand command, PlacementAction action, double uplinkMbps, Outcome simulated, CancellationToken stop)
    {
        var outcome = simulated;
        var user = _scenario.Users.First(u => u.Name == command.User);
        var variant = _scenario.Catalog[action.Variant];
        if (_real is not null && action.IsLocal)
        {
            var measuredMs = await _real.Inference.MeasureAsync(variant);
            // Energy from the device profile's board power over the measured compute time.
            outcome = new Outcome(measuredMs, user.Device.ActivePowerW * measuredMs / 1000.0, variant.Top1);
        }
        else if (_real is not null && command is { WorkerUrl: not null, WorkerToken: not null })
        {
            if (await _real.Offload.RunAsync(command, user, variant, uplinkMbps, stop) is not { } offloaded)
            {
                // Stopped while waiting for the worker: nothing was measured, so nothing is reported.
                return;
            }

            outcome = offloaded.Outcome;
        }
        else
        {
            // Reported when the execution would finish, as a real device would.
            await Task.Delay(TimeSpan.FromMilliseconds(simulated.LatencyMs), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        try
        {
            hub.Report(new MeasuredOutcome(
                0, command.RequestId, command.User, command.Action, command.Target, command.Variant,
                outcome.LatencyMs, outcome.EnergyJ, outcome.Accuracy, DateTimeOffset.UtcNow, command.Ticket));
        }
        catch (Microsoft.Data.Sqlite.SqliteException error)
        {
            // The disk refused the write (full, read-only): nothing else can keep it; say so and go on measuring.
            _refusals.Note($"cannot keep an outcome in the outbox: {error.Message}");
        }
    }
}
