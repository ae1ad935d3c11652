namespace EdgeControl.DeviceAgent.Hub;

/// <summary>How a <see cref="DeviceHubClient"/> heartbeats and how patiently it (re)connects.</summary>
internal sealed record DeviceHubClientOptions
{
    /// <summary>The server's default heartbeat interval (DeviceHub:HeartbeatInterval).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
}
