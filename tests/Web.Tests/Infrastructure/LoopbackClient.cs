using System.Net;
using System.Net.Sockets;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// A client whose connections come from a chosen loopback address (any of 127.0.0.0/8 reaches a server on 127.0.0.1),
/// so tests of per-client limits get clients the server tells apart, all on this machine.
/// </summary>
internal static class LoopbackClient
{
    public static HttpClient From(Uri server, IPAddress source) =>
        new(new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = server };
}
