using System.Net;
using System.Net.Sockets;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// HTTP clients that connect from a chosen loopback address (127.0.0.x), so the server sees distinct clients: the
/// storm's client may be throttled by per-client limits (sign-in, registration) and a fresh client must still be served.
/// </summary>
internal static class LoopbackClient
{
    /// <summary>The storm's own client address.</summary>
    public static readonly IPAddress Storm = IPAddress.Parse("127.0.0.2");

    /// <summary>The address of the client that checks the app still serves valid requests after the storm.</summary>
    public static readonly IPAddress Fresh = IPAddress.Parse("127.0.0.3");

    /// <summary>A client without a cookie jar (each request carries its credential's headers itself) unless <paramref name="cookies"/> is given.</summary>
    public static HttpClient Create(Uri server, IPAddress from, CookieContainer? cookies = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = server, Timeout = FuzzLimits.AnswerPatience };
    }
}
