namespace EdgeControl.DeviceAgent.Offload;

/// <summary>
/// The one HTTP client a device uses for its workers (inference and pings): pooled keep-alive connections, so a
/// request pays a TCP handshake only when no idle connection is left, and no proxy (a worker is reached directly;
/// an environment proxy would add a hop the measurements would wrongly count as the network).
/// </summary>
internal static class WorkerHttp
{
    /// <summary>
    /// HTTP/1.1: the worker's Kestrel serves cleartext HTTP/1.1 and HTTP/2 on one port, and HTTP/2 without TLS is only
    /// spoken to an endpoint configured for HTTP/2 alone (prior knowledge), which a worker is not required to have.
    /// Timeouts are per request (the user's timeout), not the client's.
    /// </summary>
    public static HttpClient Create() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
