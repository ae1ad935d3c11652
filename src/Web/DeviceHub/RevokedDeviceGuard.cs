using EdgeControl.Web.Devices;
using Microsoft.AspNetCore.SignalR;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// Refuses every call of a revoked device before the hub method runs. Revoking closes the device's connections
/// (<see cref="DeviceConnections.Revoke"/>), but calls already received on one are still dispatched: this is what keeps
/// them from being decided, stored or learned from.
/// </summary>
internal sealed class RevokedDeviceGuard(DeviceConnections connections) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        return connections.IsRevoked(DeviceClaims.NodeIdOf(invocationContext.Context.User))
            ? throw new HubException("This device's API key has been revoked: nothing it sends is taken any more.")
            : next(invocationContext);
    }
}
