using System.Collections.Concurrent;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.DeviceHub;

namespace EdgeControl.Web.Workers;

/// <summary>
/// The registered workers of the live fleet, in memory, so deciding never waits for the database: each one's URL and
/// token key (loaded at start-up and on registration), its liveness (the device hub's heartbeat mechanism, so a worker
/// that misses heartbeats is offline exactly as a device is), the load it last reported and its self-profile.
/// A scenario server maps to the worker of the same name. Decisions read it for the mask (a server whose registered
/// worker is offline cannot be chosen) and for the servers' loads; the API and the dashboard read <see cref="Workers"/>.
/// </summary>
public sealed class WorkerRegistry
{
    private readonly DeviceLiveness _liveness;
    private readonly ConcurrentDictionary<string, WorkerNode> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, WorkerNode> _byId = new();
    private readonly ConcurrentDictionary<Guid, WorkerLoad> _loads = new();
    private readonly ConcurrentDictionary<Guid, (WorkerProfile Profile, DateTimeOffset At)> _profiles = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _storedHeartbeats = new();

    internal WorkerRegistry(DeviceLiveness liveness) => _liveness = liveness;

    /// <summary>Adds (or replaces) a worker with what is stored of it.</summary>
    internal void Add(WorkerNode worker, WorkerProfile? profile, DateTimeOffset? profiledAt, DateTimeOffset? lastHeartbeatAt)
    {
        ArgumentNullException.ThrowIfNull(worker);
        _byId[worker.Id] = worker;
        _byName[worker.Name] = worker;
        if (profile is not null && profiledAt is { } at)
        {
            _profiles[worker.Id] = (profile, at);
        }

        if (lastHeartbeatAt is { } beat)
        {
            _storedHeartbeats[worker.Id] = beat;
        }
    }

    public bool Knows(Guid id) => _byId.ContainsKey(id);

    /// <summary>The worker named <paramref name="name"/> (a scenario server's name), or null when none is registered.</summary>
    public WorkerNode? Named(string name) => _byName.TryGetValue(name, out var worker) ? worker : null;

    /// <summary>Its keys were revoked: never online again.</summary>
    internal void Revoke(Guid id)
    {
        if (_byId.TryGetValue(id, out var worker))
        {
            var revoked = worker with { Revoked = true };
            _byId[id] = revoked;
            _byName[worker.Name] = revoked;
        }

        _loads.TryRemove(id, out _);
    }

    /// <summary>A heartbeat with the worker's load: it is online, and its servers' load is this from now on.</summary>
    internal void Beat(Guid id, WorkerLoad load)
    {
        _loads[id] = load;
        _liveness.Beat(id);
    }

    /// <summary>A heartbeat another instance received (<see cref="Cluster.WorkerStatusRelay"/>): the same, without writing it again.</summary>
    internal void Heard(Guid id, WorkerLoad load)
    {
        _loads[id] = load;
        _liveness.Heard(id);
    }

    internal void Profiled(Guid id, WorkerProfile profile, DateTimeOffset at) => _profiles[id] = (profile, at);

    public bool IsOnline(WorkerNode worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return !worker.Revoked && _liveness.IsOnline(worker.Id);
    }

    /// <summary>Every registered worker as operators see it, by name.</summary>
    public IReadOnlyList<WorkerView> Workers() =>
        [.. _byId.Values.OrderBy(w => w.Name, StringComparer.Ordinal).Select(View)];

    /// <summary>
    /// The actions of <paramref name="scenario"/> that can be taken now, or null when all can: every action on a server
    /// whose registered worker is offline (or revoked) is masked. A server without a registered worker stays allowed
    /// (it is simulated by the device agent, as before workers existed); the device itself always is.
    /// </summary>
    public bool[]? AllowedActions(Scenario scenario, ActionSpace actions)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(actions);
        bool[]? allowed = null;
        for (var s = 0; s < scenario.Servers.Count; s++)
        {
            if (Named(scenario.Servers[s].Name) is not { } worker || IsOnline(worker))
            {
                continue;
            }

            if (allowed is null)
            {
                allowed = new bool[actions.Count];
                Array.Fill(allowed, true);
            }

            for (var v = 0; v < actions.Variants; v++)
            {
                allowed[actions.Encode(new PlacementAction(s + 1, v))] = false;
            }
        }

        return allowed;
    }

    /// <summary>
    /// The servers' loads for an observation: for a server whose worker is online and has reported its load, the
    /// requests it runs and queues (what it really holds); for any other, <paramref name="tracked"/>'s figure.
    /// </summary>
    public int[] ServerLoads(Scenario scenario, int[] tracked)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(tracked);
        var loads = tracked;
        for (var s = 0; s < scenario.Servers.Count && s < tracked.Length; s++)
        {
            if (Named(scenario.Servers[s].Name) is { } worker && IsOnline(worker) && _loads.TryGetValue(worker.Id, out var load))
            {
                if (ReferenceEquals(loads, tracked))
                {
                    loads = [.. tracked];
                }

                loads[s] = load.InFlight + load.Queued;
            }
        }

        return loads;
    }

    private WorkerView View(WorkerNode worker)
    {
        var online = IsOnline(worker);
        var status = worker.Revoked ? NodeStatuses.Revoked : online ? NodeStatuses.Online : NodeStatuses.Offline;
        var lastHeartbeat = _liveness.LastBeat(worker.Id) ?? (_storedHeartbeats.TryGetValue(worker.Id, out var stored) ? stored : null);
        var profiled = _profiles.TryGetValue(worker.Id, out var p) ? p : default;
        return new WorkerView(
            worker.Id,
            worker.Name,
            worker.Tier,
            worker.Url,
            worker.ProfileName,
            status,
            lastHeartbeat,
            worker.CreatedAt,
            online && _loads.TryGetValue(worker.Id, out var load) ? load : null,
            profiled.Profile,
            profiled.Profile is null ? null : profiled.At);
    }
}
