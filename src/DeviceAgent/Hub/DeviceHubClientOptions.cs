namespace EdgeControl.DeviceAgent.Hub;

/// <summary>How a <see cref="DeviceHubClient"/> heartbeats, how patiently it (re)connects and how it re-sends outcomes.</summary>
public sealed record DeviceHubClientOptions
{
    /// <summary>The server's default heartbeat interval (DeviceHub:HeartbeatInterval).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// With several control-plane instances: how long the one in use may fail to answer (connection lost or refused)
    /// before the client moves to the next. Short, because every request of the device waits meanwhile; an instance
    /// that restarts takes longer than this anyway, and its devices are served by the others.
    /// </summary>
    public TimeSpan FailoverAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>One connect attempt may take this long: a server host that drops packets must not hang the agent for minutes.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A report unanswered this long is sent again: a connection that silently stopped delivering must not hold back
    /// every later outcome until the connection's own timeout (30 s). Re-sending is safe: the server stores a sequence once.
    /// </summary>
    public TimeSpan ReportTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First pause after the server refused a report (HubException: not taken now); it doubles up to <see cref="MaxRefusedReportDelay"/>.</summary>
    public TimeSpan FirstRefusedReportDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRefusedReportDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Everything was sent but nothing acknowledged for this long while connected (checked at every heartbeat tick):
    /// send it all again. The server stores (device, sequence) once, so this only costs bandwidth, and it recovers
    /// from an acknowledgement lost without the connection dropping.
    /// </summary>
    public TimeSpan ResendUnacknowledgedAfter { get; init; } = TimeSpan.FromSeconds(30);
}
