using System.Collections.Concurrent;
using EdgeControl.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Worker.Tests;

/// <summary>
/// The worker side of the control plane's worker hub, on real Kestrel and real SignalR with MessagePack, recording what
/// workers send: it checks the wire (method names, the records' serialisation, the API key header) from the client's
/// side while the real hub is built in src/Web. It knows nothing of keys: it records the one presented.
/// </summary>
internal sealed class ControlPlaneHub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ControlPlaneHub(WebApplication app, Calls calls)
    {
        _app = app;
        Received = calls;
    }

    public Calls Received { get; }

    public Uri Url => new(_app.Urls.Single());

    /// <param name="port">0 for a free port, or the port of a hub that was stopped (a control plane restarting).</param>
    public static async Task<ControlPlaneHub> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var calls = new Calls();
        builder.Services.AddSingleton(calls);
        builder.Services.AddSignalR().AddMessagePackProtocol();
        var app = builder.Build();
        app.MapHub<RecordingHub>(WorkerContract.HubPath);
        await app.StartAsync();
        return new ControlPlaneHub(app, calls);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed class Calls
    {
        public ConcurrentQueue<(string? ApiKey, WorkerProfile Profile)> Profiles { get; } = new();

        public ConcurrentQueue<WorkerLoad> Heartbeats { get; } = new();

        /// <summary>Waits until <paramref name="condition"/> holds (checked every 20 ms), or fails after <paramref name="seconds"/>.</summary>
        public async Task WaitUntilAsync(Func<Calls, bool> condition, string what, int seconds = 30)
        {
            var deadline = DateTime.UtcNow.AddSeconds(seconds);
            while (!condition(this))
            {
                Assert.True(DateTime.UtcNow < deadline, $"the hub did not see {what} within {seconds} s");
                await Task.Delay(20);
            }
        }
    }

    private sealed class RecordingHub(Calls calls) : Hub
    {
        public void ReportProfile(WorkerProfile profile) =>
            calls.Profiles.Enqueue((Context.GetHttpContext()?.Request.Headers[DeviceHubContract.ApiKeyHeader].ToString(), profile));

        public void Heartbeat(WorkerLoad load) => calls.Heartbeats.Enqueue(load);
    }
}
