using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// A redis-server process of this test's own (Debian's, installed by ./test.sh), on a free loopback port without
/// persistence, so a fault test can kill it for real and start it again on the same port.
/// </summary>
internal sealed class PrivateRedis : IDisposable
{
    private Process? _process;

    public PrivateRedis()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", Path.GetTempPath() })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (./test.sh installs it).");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.HoldsAsync(() => Accepts());
    }

    /// <summary>Kills the server at once (SIGKILL), as a crashed Redis host would vanish.</summary>
    public void Kill()
    {
        _process?.Kill();
        _process?.WaitForExit();
        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
