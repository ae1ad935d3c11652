namespace EdgeControl.DeviceAgent.Offload;

/// <summary>
/// The one HTTP client a device uses for its workers (inference and pings): pooled keep-alive connections, so a
/// request pays a TCP handshake only when no idle connection is left, and no proxy (a worker is reached directly;
/// an environment proxy would add a hop the measurements would wrongly count as the network).
/// </summary>
internal static class WorkerHttp
{
    /// <summary>
    /// HTTP/1.1, although the worker also speaks cleartext HTTP/2: over HTTP/1.1 each request in flight has its own
    /// connection and its body is written straight to that socket, so when the write completes the bytes are in the
    /// kernel (<see cref="TimedContent"/>'s sending time); over HTTP/2 the body goes into the shared connection's frame
    /// buffer and flow-control windows first, and the write's completion would say less. A device has few requests in
    /// flight, so HTTP/2's one connection would save little. Timeouts are per request (the user's), not the client's.
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
