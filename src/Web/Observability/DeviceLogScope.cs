using EdgeControl.Web.Devices;

namespace EdgeControl.Web.Observability;

/// <summary>
/// Puts the node id of the device a request authenticated as into the log scope, so every line logged while serving it
/// (a REST call, or all calls of a hub connection, which run inside its request) says which device it was about.
/// After authorization: device endpoints authenticate there (their policy names the device-key scheme).
/// </summary>
internal sealed class DeviceLogScope(RequestDelegate next, ILogger<DeviceLogScope> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.FindFirst(DeviceClaims.NodeId)?.Value is not { } nodeId)
        {
            await next(context);
            return;
        }

        using (logger.BeginScope(new KeyValuePair<string, object>[] { new("NodeId", nodeId) }))
        {
            await next(context);
        }
    }
}
