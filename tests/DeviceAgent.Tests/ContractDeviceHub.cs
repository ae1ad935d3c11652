using System.Collections.Concurrent;
using EdgeControl.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>
/// One control-plane instance as a device sees it: a real Kestrel endpoint on loopback with the device hub of the
/// contract (<see cref="DeviceHubContract"/>, MessagePack), which answers every Decide with its command and
/// acknowledges every reported outcome, keeping what it received. No database and no learner: the agent's side of
/// connecting, failing over and re-sending is under test (the control plane's own is in the web tests).
/// </summary>
internal sealed class ContractDeviceHub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ContractDeviceHub(WebApplication app, Received received)
    {
        _app = app;
        Outcomes = received.Outcomes;
        Requests = received.Requests;
        Contexts = received.Contexts;
    }

    /// <summary>Every outcome reported here, re-sends included.</summary>
    public ConcurrentQueue<MeasuredOutcome> Outcomes { get; }

    /// <summary>The request ids asked here.</summary>
    public ConcurrentQueue<string> Requests { get; }

    /// <summary>Every request asked here, with when it was received, in that order.</summary>
    public ConcurrentQueue<(DateTimeOffset At, RequestContext Context)> Contexts { get; }

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    /// <param name="port">0 for any free port; a fixed one to bring an instance back where it was.</param>
    public static async Task<ContractDeviceHub> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR().AddMessagePackProtocol();
        var received = new Received();
        builder.Services.AddSingleton(received);
        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<DevicesHub>(DeviceHubContract.Path);
        await app.StartAsync();
        return new ContractDeviceHub(app, received);
    }

    /// <summary>The instance goes away as a killed one does: every connection is cut, nothing is said to the devices.</summary>
    public async ValueTask DisposeAsync()
    {
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        await _app.StopAsync(now.Token);
        await _app.DisposeAsync();
    }

    internal sealed class Received
    {
        public ConcurrentQueue<MeasuredOutcome> Outcomes { get; } = new();

        public ConcurrentQueue<string> Requests { get; } = new();

        public ConcurrentQueue<(DateTimeOffset At, RequestContext Context)> Contexts { get; } = new();
    }

    internal sealed class DevicesHub(Received received) : Hub<IDeviceClient>
    {
        public Task<ExecuteCommand> Decide(RequestContext context)
        {
            received.Requests.Enqueue(context.RequestId!);
            received.Contexts.Enqueue((DateTimeOffset.UtcNow, context));
            return Task.FromResult(new ExecuteCommand(context.RequestId!, context.User!, "edge-1", "edge", "mobilenet_v1_0.5_160", 3, "ticket"));
        }

        public Task ReportOutcomes(IReadOnlyList<MeasuredOutcome> outcomes)
        {
            foreach (var outcome in outcomes)
            {
                received.Outcomes.Enqueue(outcome);
            }

            return outcomes.Count == 0 ? Task.CompletedTask : Clients.Caller.Acknowledge(outcomes.Max(o => o.Sequence));
        }

#pragma warning disable CA1822 // a hub method: SignalR calls it on an instance
        public Task Heartbeat() => Task.CompletedTask;
#pragma warning restore CA1822
    }
}
