using System.Net.Sockets;
using System.Text;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>Reads a raw HTTP answer for tests that speak to Kestrel over a plain socket.</summary>
internal static class RawSocket
{
    /// <summary>Everything the server sends until it closes the connection (it does after a refused request).</summary>
    public static async Task<string> ReadUntilClosedAsync(Socket socket, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var timeout = new CancellationTokenSource(patience);
        using var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
        {
            // A server closing with unread bytes of ours in its buffer (an oversized header, a refused body) resets the
            // connection: also an end.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }
}
