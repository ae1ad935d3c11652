using System.Net;
using System.Net.Sockets;

namespace EdgeControl.Worker.Tests;

/// <summary>A worker whose control plane is down keeps serving devices with the token key it has, and keeps trying to connect.</summary>
public sealed class ControlPlaneOutageTests
{
    [Fact]
    public async Task With_its_control_plane_unreachable_a_worker_still_serves_inference()
    {
        await using var worker = await RunningWorker.StartAsync(o => o with { Server = new Uri($"http://127.0.0.1:{ClosedPort()}") });
        var variant = RunningWorker.Smallest;
        var id = Guid.NewGuid().ToString("N");

        using var response = await worker.InferAsync(worker.Token(id, variant), id, variant.Name, RunningWorker.Input(variant));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A loopback port nothing listens on (taken and released): connecting to it is refused at once.</summary>
    private static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
