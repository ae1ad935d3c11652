using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>
/// A few lines of TCP standing in for a control plane that is up but unusable: it answers every connection with
/// <paramref name="response"/> (e.g. a 401 at the WebSocket upgrade), or closes it at once when that is null.
/// </summary>
internal sealed class StubHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly string? _response;
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    public StubHttpServer(int port, string? response)
    {
        _response = response;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Connections => Volatile.Read(ref _connections);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            using (client)
            {
                if (_response is null)
                {
                    continue;
                }

                try
                {
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    var request = new StringBuilder();
                    while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            break;
                        }

                        request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }

                    await stream.WriteAsync(Encoding.ASCII.GetBytes(_response), _stop.Token);
                }
                catch (Exception error) when (error is IOException or OperationCanceledException or SocketException)
                {
                }
            }
        }
    }
}
