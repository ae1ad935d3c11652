using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// The device connections open on this instance, so a stopping host can close them at once: Kestrel would otherwise
/// wait out the shutdown timeout for the WebSockets to end, leaving no time to flush outcomes and write the last
/// checkpoint. A closed device reconnects (to the next instance) and re-sends what was not acknowledged.
/// </summary>
internal sealed partial class DeviceConnections(ILogger<DeviceConnections> logger)
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new(StringComparer.Ordinal);
    private volatile bool _stopping;

    /// <summary>A new connection; once stopping it is closed at once (a device reconnects within milliseconds, before Kestrel stops listening).</summary>
    public void Opened(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _open[context.ConnectionId] = context;
        // Added, then checked: CloseAll sets the flag first, so a connection is closed by one or the other.
        if (_stopping && _open.TryRemove(context.ConnectionId, out _))
        {
            context.Abort();
        }
    }

    /// <summary>Connections open now (the metrics read it).</summary>
    public int Count => _open.Count;

    public void Closed(string connectionId) => _open.TryRemove(connectionId, out _);

    /// <summary>Closes every device connection (on <c>ApplicationStopping</c>).</summary>
    public void CloseAll()
    {
        _stopping = true;
        var count = 0;
        foreach (var (id, context) in _open)
        {
            _open.TryRemove(id, out _);
            context.Abort();
            count++;
        }

        LogClosed(logger, count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: closed {Count} device connections; the devices reconnect and re-send what was not acknowledged")]
    private static partial void LogClosed(ILogger logger, int count);
}
