using System.Collections.Concurrent;
using EdgeControl.Web.Devices;
using Microsoft.AspNetCore.SignalR;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// The device connections open on this instance, by device, so that revoking a device's key closes its connections at
/// once, and a stopping host can close them all: Kestrel would otherwise wait out the shutdown timeout for the
/// WebSockets to end, leaving no time to flush outcomes and write the last checkpoint. A device closed on stopping
/// reconnects (to the next instance) and re-sends what was not acknowledged; a revoked one is refused (401).
/// </summary>
internal sealed partial class DeviceConnections(ILogger<DeviceConnections> logger)
{
    private readonly ConcurrentDictionary<string, (Guid NodeId, HubCallerContext Context)> _open = new(StringComparer.Ordinal);

    // The same connections by device, for messages to one device (see OpenHere); replaced whole, never mutated.
    private readonly ConcurrentDictionary<Guid, string[]> _byNode = new();

    // Devices revoked since start; never un-revoked, so this holds one entry per revocation.
    private readonly ConcurrentDictionary<Guid, byte> _revoked = new();
    private volatile bool _stopping;

    /// <summary>
    /// A new connection; closed at once when stopping (a device reconnects within milliseconds, before Kestrel stops
    /// listening) or when its device was revoked after its key was checked.
    /// </summary>
    public void Opened(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var nodeId = DeviceClaims.NodeIdOf(context.User);
        // By device first: whoever removes it from _open then finds it there too.
        _byNode.AddOrUpdate(nodeId, _ => [context.ConnectionId], (_, ids) => [.. ids, context.ConnectionId]);
        _open[context.ConnectionId] = (nodeId, context);
        // Added, then checked: CloseAll and Revoke set their flag first, so a connection is closed by one or the other.
        if ((_stopping || IsRevoked(nodeId)) && Remove(context.ConnectionId))
        {
            context.Abort();
        }
    }

    /// <summary>Connections open now (the metrics read it).</summary>
    public int Count => _open.Count;

    public void Closed(string connectionId) => Remove(connectionId);

    /// <summary>The device's connections open on this instance (none when it is connected elsewhere or not at all).</summary>
    public IReadOnlyList<string> OpenHere(Guid nodeId) => _byNode.TryGetValue(nodeId, out var ids) ? ids : [];

    /// <summary>The nodes with a connection open here now.</summary>
    public IEnumerable<Guid> NodeIds() => _open.Values.Select(open => open.NodeId).Distinct();

    /// <summary>Whether the device's key was revoked while this instance runs (its calls are refused from then on).</summary>
    public bool IsRevoked(Guid nodeId) => _revoked.ContainsKey(nodeId);

    /// <summary>Closes the device's connections and refuses whatever it still sends over one (its keys were revoked).</summary>
    public void Revoke(Guid nodeId)
    {
        _revoked.TryAdd(nodeId, 0);
        var count = 0;
        foreach (var (id, (owner, context)) in _open)
        {
            if (owner == nodeId && Remove(id))
            {
                context.Abort();
                count++;
            }
        }

        LogRevoked(logger, nodeId, count);
    }

    /// <summary>Closes every device connection (on <c>ApplicationStopping</c>).</summary>
    public void CloseAll()
    {
        _stopping = true;
        var count = 0;
        foreach (var (id, (_, context)) in _open)
        {
            Remove(id);
            context.Abort();
            count++;
        }

        LogClosed(logger, count);
    }

    private bool Remove(string connectionId)
    {
        if (!_open.TryRemove(connectionId, out var removed))
        {
            return false;
        }

        var nodeId = removed.NodeId;
        while (_byNode.TryGetValue(nodeId, out var ids))
        {
            var rest = ids.Where(id => id != connectionId).ToArray();
            var replaced = rest.Length == 0
                ? _byNode.TryRemove(new KeyValuePair<Guid, string[]>(nodeId, ids))
                : _byNode.TryUpdate(nodeId, rest, ids);
            if (replaced)
            {
                break;
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: closed {Count} device connections; the devices reconnect and re-send what was not acknowledged")]
    private static partial void LogClosed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {NodeId} revoked: closed its {Count} hub connections; anything it still sends is refused")]
    private static partial void LogRevoked(ILogger logger, Guid nodeId, int count);
}
