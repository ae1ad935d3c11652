namespace EdgeControl.DeviceAgent.Offload;

/// <summary>
/// The one HTTP client a device uses for its workers (inference and pings): pooled keep-alive connections, so a
/// request pays a TCP handshake only when no idle connection is left, and no proxy (a worker is reached directly;
/// an environment proxy would add a hop the measurements would wrongly count as the network).
/// </summary>
internal static class WorkerHttp
{
    /// <summary>
    /// HTTP/1.1: a worker's cleartext endpoint serves nothing else (Kestrel refuses prior-knowledge HTTP/2 where it also
    /// serves HTTP/1.1, dotnet/aspnetcore#56984). It also keeps the measurement plain: each request in flight has its
    /// own connection and its body is written straight to that socket, where HTTP/2 would first put it into a shared
    /// connection's frames and flow-control windows. Timeouts are per request (the user's), not the client's.
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
