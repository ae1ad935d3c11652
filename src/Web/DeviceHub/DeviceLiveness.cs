using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// The last heartbeat of every device connected to this instance, in memory, so deciding never waits for the
/// database to learn whether a device is online. The <see cref="HeartbeatMonitor"/> writes the heartbeats of each
/// interval to <c>nodes</c> in one statement: 1,000 devices beating every 5 s would otherwise cost 200 updates a second.
/// </summary>
internal sealed class DeviceLiveness(IOptions<DeviceHubOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _lastHeartbeat = new();
    private ConcurrentDictionary<Guid, DateTimeOffset> _unwritten = new();

    public void Beat(Guid nodeId)
    {
        var now = clock.GetUtcNow();
        _lastHeartbeat[nodeId] = now;
        _unwritten[nodeId] = now;
    }

    /// <summary>
    /// Another instance heard from <paramref name="nodeId"/> (a worker's heartbeat relayed over the cluster bus): it is
    /// online here as there, from the time this instance heard of it (no clock comparison between machines). That
    /// instance writes it to <c>nodes</c>.
    /// </summary>
    public void Heard(Guid nodeId) => _lastHeartbeat[nodeId] = clock.GetUtcNow();

    /// <summary>The heartbeats since the last call (latest per device), for the database.</summary>
    public IReadOnlyDictionary<Guid, DateTimeOffset> TakeUnwritten() => Interlocked.Exchange(ref _unwritten, new());

    /// <summary>Puts back heartbeats that could not be written; newer ones win.</summary>
    public void ReturnUnwritten(IReadOnlyDictionary<Guid, DateTimeOffset> heartbeats)
    {
        ArgumentNullException.ThrowIfNull(heartbeats);
        foreach (var (nodeId, at) in heartbeats)
        {
            _unwritten.AddOrUpdate(nodeId, at, (_, newer) => newer > at ? newer : at);
        }
    }

    /// <summary>The last heartbeat this instance saw of <paramref name="nodeId"/> since it was last forgotten, or null.</summary>
    public DateTimeOffset? LastBeat(Guid nodeId) => _lastHeartbeat.TryGetValue(nodeId, out var last) ? last : null;

    public bool IsOnline(Guid nodeId) =>
        _lastHeartbeat.TryGetValue(nodeId, out var last) && clock.GetUtcNow() - last <= options.Value.OfflineAfter;

    /// <summary>Forgets devices silent for longer than <paramref name="cutoff"/> allows; they count as offline from now on.</summary>
    public void ForgetSilentSince(DateTimeOffset cutoff)
    {
        foreach (var (nodeId, last) in _lastHeartbeat)
        {
            if (last < cutoff)
            {
                _lastHeartbeat.TryRemove(new KeyValuePair<Guid, DateTimeOffset>(nodeId, last));
            }
        }
    }
}
