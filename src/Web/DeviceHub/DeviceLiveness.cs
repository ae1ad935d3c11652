using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// The last heartbeat of every device connected to this instance, in memory, so deciding never waits for the
/// database to learn whether a device is online. The <see cref="HeartbeatMonitor"/> mirrors it into <c>nodes.status</c>.
/// </summary>
internal sealed class DeviceLiveness(IOptions<DeviceHubOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _lastHeartbeat = new();

    public DateTimeOffset Beat(Guid nodeId)
    {
        var now = clock.GetUtcNow();
        _lastHeartbeat[nodeId] = now;
        return now;
    }

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
