using EdgeControl.Web.Devices;
using Microsoft.AspNetCore.SignalR;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// Logs the failed calls of every hub in place of SignalR's dispatcher, which logs each one as an error with a stack
/// trace (its errors are turned off in <see cref="DeviceHubExtensions"/>), so one device sending garbage cannot flood
/// the log. A refusal (<see cref="HubException"/>: the caller sent something wrong) is a warning without a stack trace,
/// at most one per connection per <see cref="Interval"/>, with the count of those held back; any other exception is a
/// fault of the server and stays an error with its stack trace. (Arguments that do not bind and unknown methods never
/// reach a hub filter: SignalR logs those at Debug only.)
/// </summary>
internal sealed partial class HubErrorLog(ILogger<HubErrorLog> logger, TimeProvider clock) : IHubFilter
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private static readonly object ThrottleKey = new();

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.Context.Items[ThrottleKey] = new Throttle();
        return next(context);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext);
        }
        catch (HubException refused)
        {
            var connection = invocationContext.Context;
            if ((ThrottleOf(connection) ?? new Throttle()).Admit(clock.GetUtcNow()) is { } heldBack)
            {
                LogRefused(logger, invocationContext.Hub.GetType().Name, invocationContext.HubMethodName, connection.ConnectionId, CallerOf(connection), refused.Message, heldBack);
            }

            throw;
        }
        catch (Exception error)
        {
            LogFailed(logger, invocationContext.Hub.GetType().Name, invocationContext.HubMethodName, invocationContext.Context.ConnectionId, CallerOf(invocationContext.Context), error);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next(context, exception);
        if (ThrottleOf(context.Context)?.TakeHeldBack() is > 0 and var heldBack)
        {
            LogHeldBack(logger, context.Hub.GetType().Name, context.Context.ConnectionId, CallerOf(context.Context), heldBack);
        }
    }

    /// <summary>Null only when the connection was refused before this filter saw it connect.</summary>
    private static Throttle? ThrottleOf(HubCallerContext connection) =>
        connection.Items.TryGetValue(ThrottleKey, out var throttle) ? throttle as Throttle : null;

    /// <summary>The device a connection belongs to, or the signed-in account of a dashboard circuit.</summary>
    private static string CallerOf(HubCallerContext connection) =>
        connection.User?.FindFirst(DeviceClaims.NodeId)?.Value is { } nodeId
            ? $"device {nodeId}"
            : connection.UserIdentifier ?? "anonymous";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Hub}.{Method} refused a call of connection {ConnectionId} ({Caller}): {Reason} [{HeldBack} earlier refusals not logged]")]
    private static partial void LogRefused(ILogger logger, string hub, string method, string connectionId, string caller, string reason, int heldBack);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Hub} connection {ConnectionId} ({Caller}) closed with {HeldBack} refusals not logged since the last line")]
    private static partial void LogHeldBack(ILogger logger, string hub, string connectionId, string caller, int heldBack);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Hub}.{Method} failed for connection {ConnectionId} ({Caller})")]
    private static partial void LogFailed(ILogger logger, string hub, string method, string connectionId, string caller, Exception error);

    /// <summary>One connection's refusals: a line at most every <see cref="Interval"/>, counting those held back.</summary>
    private sealed class Throttle
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _next = DateTimeOffset.MinValue;
        private int _heldBack;

        /// <summary>Null: hold this line back; otherwise log it, with this many held back since the last one.</summary>
        public int? Admit(DateTimeOffset now)
        {
            lock (_gate)
            {
                if (now < _next)
                {
                    _heldBack++;
                    return null;
                }

                _next = now + Interval;
                var heldBack = _heldBack;
                _heldBack = 0;
                return heldBack;
            }
        }

        public int TakeHeldBack()
        {
            lock (_gate)
            {
                var heldBack = _heldBack;
                _heldBack = 0;
                return heldBack;
            }
        }
    }
}
