using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;

namespace EdgeControl.Web.Observability;

/// <summary>Times every call a device makes on the hub (<c>edgecontrol.hub.invocation.duration</c>, by method).</summary>
internal sealed class HubInvocationTiming(EdgeControlMetrics metrics) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next(invocationContext);
        }
        finally
        {
            metrics.HubInvoked(invocationContext.HubMethodName, Stopwatch.GetElapsedTime(started));
        }
    }
}
