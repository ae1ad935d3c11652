namespace EdgeControl.Protocol;

/// <summary>Where the device hub listens, how a device authenticates to it, and the names of its methods.</summary>
public static class DeviceHubContract
{
    public const string Path = "/hubs/devices";

    /// <summary>The header carrying the device's API key, to the hub and to every REST device endpoint.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The query parameter carrying the key for clients that cannot set headers (browsers' WebSocket API).</summary>
    public const string AccessTokenQuery = "access_token";

    /// <summary>Device -> server: one <see cref="RequestContext"/>; the server answers with <see cref="IDeviceClient.Execute"/>.</summary>
    public const string SubmitRequest = nameof(SubmitRequest);

    /// <summary>
    /// Device -> server: one <see cref="RequestContext"/>, as <see cref="SubmitRequest"/>; the server answers with the
    /// <see cref="ExecuteCommand"/> as the call's result instead of an <see cref="IDeviceClient.Execute"/> message: one hub
    /// message less per decision on both sides. Refused as <see cref="SubmitRequest"/> is, with an error naming the field.
    /// </summary>
    public const string Decide = nameof(Decide);

    /// <summary>
    /// Device -> server: a list of <see cref="MeasuredOutcome"/>; the server answers with <see cref="IDeviceClient.Acknowledge"/>
    /// once stored (and <see cref="IDeviceClient.Reject"/> first for an outcome it refuses). A <c>HubException</c> for the
    /// whole call means "not taken now" (e.g. the control plane's queue is full while its database is down): the device
    /// keeps the outcomes and sends them again after a pause.
    /// </summary>
    public const string ReportOutcomes = nameof(ReportOutcomes);

    /// <summary>Device -> server: the device is alive; a device that misses heartbeats is offline and gets no decisions.</summary>
    public const string Heartbeat = nameof(Heartbeat);

    /// <summary>Most outcomes one <see cref="ReportOutcomes"/> call may carry.</summary>
    public const int MaxOutcomesPerReport = 500;
}
