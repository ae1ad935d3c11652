using EdgeControl.Core.Domain;
using EdgeControl.Protocol;
using EdgeControl.Worker;
using EdgeControl.Worker.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>
/// The real worker (src/Worker: Kestrel, MobileNetV1 on TorchSharp, token checks, queue) in-process on loopback, alone
/// (no control plane): it serves the scenario's smallest variant, and this host signs worker tokens with its key as the
/// control plane would.
/// </summary>
public sealed class RealWorkerHost : IAsyncLifetime
{
    private const string WorkerName = "edge-1";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);

    private readonly byte[] _key = WorkerTokens.NewKey();
    private WebApplication? _app;

    public ModelVariant Variant { get; } = PaperScenario.Load().Catalog.MinBy(v => v.MegaMacs)!;

    public string Url { get; private set; } = "";

    public StringWriter Output { get; } = new();

    /// <summary>A token the control plane would issue for <paramref name="requestId"/> on this worker.</summary>
    public string Token(string requestId, string? variant = null, string worker = WorkerName) =>
        WorkerTokens.Issue(_key, new WorkerTokenClaims(requestId, "device-1", worker, variant ?? Variant.Name, DateTimeOffset.UtcNow + WorkerContract.TokenLifetime));

    public async Task InitializeAsync()
    {
        var listen = new Uri("http://127.0.0.1:0");
        var options = new WorkerOptions
        {
            Name = WorkerName, Url = listen, Listen = listen, Catalog = [Variant], ProfileWarmUps = 1, ProfileTimedPasses = 1,
        };
        var identity = new RegisteredWorker(Guid.NewGuid(), WorkerName, "edge", listen.ToString(), "unused-api-key", WorkerTokens.Encode(_key));
        _app = WorkerApp.Build(options, identity, Output);
        await _app.StartAsync();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        await WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Output.Dispose();
    }

    /// <summary>The worker profiles itself before it serves (503 until then): wait for its /healthz to say ready.</summary>
    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient();
        var until = DateTimeOffset.UtcNow + ReadyTimeout;
        while (!(await http.GetAsync(new Uri(new Uri(Url), "/healthz"))).IsSuccessStatusCode)
        {
            if (DateTimeOffset.UtcNow > until)
            {
                throw new TimeoutException($"the worker did not finish profiling within {ReadyTimeout}: {Output}");
            }

            await Task.Delay(100);
        }
    }
}
