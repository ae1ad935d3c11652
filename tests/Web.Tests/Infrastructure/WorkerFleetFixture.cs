using EdgeControl.Web.Workers;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// The hub app (<see cref="HubAppFixture"/>: real Kestrel, short heartbeats, the shipped scenario with servers
/// <c>edge-1</c> and <c>cloud-1</c>) with a worker registered for each of its servers, not connected: each test connects
/// and heartbeats the workers it needs online. A node name is registered once per database, hence shared here.
/// </summary>
public sealed class WorkerFleetFixture : IAsyncLifetime
{
    public HubAppFixture Hub { get; } = new();

    internal Protocol.RegisteredWorker Edge { get; private set; } = null!;

    internal Protocol.RegisteredWorker Cloud { get; private set; } = null!;

    public WorkerRegistry Registry => Hub.App.Services.GetRequiredService<WorkerRegistry>();

    public async Task InitializeAsync()
    {
        await Hub.InitializeAsync();
        Edge = await TestWorker.RegisterAsync(Hub.Address, "edge-1", "edge", "http://127.0.0.1:5101");
        Cloud = await TestWorker.RegisterAsync(Hub.Address, "cloud-1", "cloud", "http://127.0.0.1:5102");
    }

    public Task DisposeAsync() => Hub.DisposeAsync();
}
