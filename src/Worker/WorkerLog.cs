namespace EdgeControl.Worker;

/// <summary>The worker's log lines, compiled once (no formatting work when a level is off).</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Fault}")]
    public static partial void ControlPlaneFault(this ILogger log, string fault);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Hub} as worker '{Name}'; profile reported ({GigaMacsPerSecond:0.00} GMAC/s per slot)")]
    public static partial void Connected(this ILogger log, Uri hub, string name, double gigaMacsPerSecond);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection to {Hub} ({Reason}); reconnecting")]
    public static partial void ConnectionLost(this ILogger log, Uri hub, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat failed ({Fault})")]
    public static partial void HeartbeatFailed(this ILogger log, string fault);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report the in-service profile ({Fault}); trying again at the next look")]
    public static partial void ProfileReportFailed(this ILogger log, string fault);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The self-profile failed, so no request could run either: stopping")]
    public static partial void ProfileFailed(this ILogger log, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not measure the per-request service overhead ({Reason}): the profile is reported without it")]
    public static partial void OverheadNotMeasured(this ILogger log, string reason);
}
