using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// A loopback TCP proxy in front of the server that a test can break like a real network: cut every connection,
/// refuse new ones, or silently drop what the server sends (so acknowledgements are lost in flight).
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly ConcurrentDictionary<TcpClient, bool> _sockets = new();
    // Cutting and registering a new connection exclude each other, so a connection accepted during a cut is cut too.
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TcpProxy(Uri target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    private volatile bool _refuse;
    private volatile bool _muteDownstream;

    /// <summary>New connections are closed at once, as when the server is unreachable.</summary>
    public bool Refuse { get => _refuse; set => _refuse = value; }

    /// <summary>Bytes from the server are read and dropped: the client hears nothing, the server thinks all is well.</summary>
    public bool MuteDownstream { get => _muteDownstream; set => _muteDownstream = value; }

    /// <summary>Closes every connection open now, including one being set up.</summary>
    public void CutAll()
    {
        lock (_gate)
        {
            foreach (var socket in _sockets.Keys)
            {
                _sockets.TryRemove(socket, out _);
                socket.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (Refuse)
            {
                client.Dispose();
                continue;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            }
            catch (SocketException)
            {
                // The server is gone (shutting down): this connection fails, the next ones are still accepted.
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (_gate)
            {
                if (Refuse)
                {
                    // Refused (and cut) while this one was being connected.
                    client.Dispose();
                    server.Dispose();
                    continue;
                }

                _sockets[client] = true;
                _sockets[server] = true;
            }

            _ = PumpAsync(client, server, mute: () => false);
            _ = PumpAsync(server, client, mute: () => MuteDownstream);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, Func<bool> mute)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            int read;
            while ((read = await input.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (!mute())
                {
                    await output.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                }
            }
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or SocketException or OperationCanceledException or InvalidOperationException)
        {
            // Cut by the test or closed by either side: close the other side too.
        }
        finally
        {
            _sockets.TryRemove(from, out _);
            _sockets.TryRemove(to, out _);
            from.Dispose();
            to.Dispose();
        }
    }
}
