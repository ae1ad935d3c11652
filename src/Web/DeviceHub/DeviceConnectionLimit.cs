using EdgeControl.Web.Devices;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// Lets each device hold at most <see cref="DeviceHubOptions.MaxConnectionsPerDevice"/> hub connections, so one key
/// cannot take an instance's sockets and memory. Counted at the WebSocket request, which lasts as long as its
/// connection (the hub speaks WebSockets only), so the one past the limit is answered 429 problem details before the
/// upgrade. The first refusal while a device is at its limit is logged, not every retry.
/// </summary>
internal sealed partial class DeviceConnectionLimit(
    IOptions<DeviceHubOptions> options, IProblemDetailsService problems, ILogger<DeviceConnectionLimit> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Held> _held = [];

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!OpensWebSocket(context))
        {
            await next(context);
            return;
        }

        // Behind the device policy (the authorization middleware runs first), so the device is known.
        var nodeId = DeviceClaims.NodeIdOf(context.User);
        var limit = options.Value.MaxConnectionsPerDevice;
        if (!TryTake(nodeId, limit, out var firstRefusal))
        {
            if (firstRefusal)
            {
                LogRefused(logger, nodeId, DeviceClaims.KeyIdOf(context.User), limit);
            }

            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many connections",
                    Detail = $"This device already holds {limit} hub connections (DeviceHub:MaxConnectionsPerDevice); close one first.",
                    Extensions = { ["limit"] = limit },
                },
            });
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Give(nodeId);
        }
    }

    /// <summary>
    /// A WebSocket request (HTTP/1.1 upgrade or HTTP/2 extended CONNECT). Asked of the server's features:
    /// <c>HttpContext.WebSockets</c> says false here, as SignalR adds the WebSockets middleware inside its endpoint.
    /// </summary>
    private static bool OpensWebSocket(HttpContext context) =>
        context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
        || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;

    private bool TryTake(Guid nodeId, int limit, out bool firstRefusal)
    {
        lock (_gate)
        {
            if (!_held.TryGetValue(nodeId, out var held))
            {
                _held[nodeId] = held = new Held();
            }

            if (held.Connections < limit)
            {
                held.Connections++;
                firstRefusal = false;
                return true;
            }

            firstRefusal = !held.Refused;
            held.Refused = true;
            return false;
        }
    }

    private void Give(Guid nodeId)
    {
        lock (_gate)
        {
            var held = _held[nodeId];
            held.Connections--;
            held.Refused = false;
            if (held.Connections == 0)
            {
                _held.Remove(nodeId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {NodeId} (key {KeyId}) tried to open more than {Limit} hub connections (DeviceHub:MaxConnectionsPerDevice); refused with 429 until one of its connections closes")]
    private static partial void LogRefused(ILogger logger, Guid nodeId, Guid keyId, int limit);

    private sealed class Held
    {
        public int Connections { get; set; }

        /// <summary>A connection was refused since the device was last below its limit (logged once per such run).</summary>
        public bool Refused { get; set; }
    }
}
