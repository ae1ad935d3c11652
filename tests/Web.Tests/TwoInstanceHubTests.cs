using System.Net;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using EdgeControl.Protocol;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Topology;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Workers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>
/// Devices and workers connected to one instance, managed from another: the hubs share Redis, revocations and worker
/// status travel over the cluster bus.
/// </summary>
[Collection(TwoInstancesDefinition.Name)]
public sealed class TwoInstanceHubTests(TwoInstancesFixture fixture)
{
    [Fact]
    public void Both_instances_send_hub_messages_through_Redis()
    {
        Assert.IsType<RedisHubLifetimeManager<DevicesHub>>(fixture.A.Services.GetRequiredService<HubLifetimeManager<DevicesHub>>());
        Assert.IsType<RedisHubLifetimeManager<WorkersHub>>(fixture.B.Services.GetRequiredService<HubLifetimeManager<WorkersHub>>());
    }

    [Fact]
    public async Task A_device_connected_to_B_is_disconnected_when_an_admin_revokes_it_on_A_and_cannot_reconnect_to_either()
    {
        using var admin = new HttpClient { BaseAddress = fixture.AddressOfA };
        var (deviceId, apiKey) = await DeviceRegistration.RegisterDeviceAsync(admin);
        await SignIn.AsAdminAsync(admin);
        await using var device = await RawHubDevice.ConnectAsync(fixture.AddressOfB, apiKey);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        device.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        // B has verified the key (and would remember it through a database outage).
        await device.DecideAsync("before-revocation");

        using var revoked = await DashboardRequest.SendAsync(admin, HttpMethod.Delete, $"/api/v1/devices/{deviceId}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await closed.Task.WaitAsync(Eventually.Patience);
        Assert.True(fixture.B.Services.GetRequiredService<DeviceConnections>().IsRevoked(deviceId));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => RawHubDevice.ConnectAsync(fixture.AddressOfB, apiKey));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => RawHubDevice.ConnectAsync(fixture.AddressOfA, apiKey));
    }

    [Fact]
    public async Task A_message_to_a_device_s_group_sent_on_A_reaches_the_device_connected_to_B()
    {
        using var client = new HttpClient { BaseAddress = fixture.AddressOfA };
        var (deviceId, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        await using var device = await RawHubDevice.ConnectAsync(fixture.AddressOfB, apiKey);
        var hubOnA = fixture.A.Services.GetRequiredService<IHubContext<DevicesHub, IDeviceClient>>();
        // Answered only once B's OnConnectedAsync (which subscribes the device's group in Redis) has completed: the
        // handshake alone comes before it, and a group message published before the subscription reaches nobody.
        await device.DecideAsync("subscribed");

        // What A's outcome batcher does when it stored outcomes the device sent to A before it moved to B.
        await hubOnA.Clients.Group(DevicesHub.GroupOf(deviceId)).Acknowledge(42);

        await Eventually.HoldsAsync(() => device.AcknowledgedUpTo == 42);
    }

    [Fact]
    public async Task A_worker_heartbeating_on_A_is_online_on_B_with_its_load_and_its_server_is_masked_on_B_once_it_stops()
    {
        var registered = await TestWorker.RegisterAsync(fixture.AddressOfA, "edge-1", "edge");
        var registryOfB = fixture.B.Services.GetRequiredService<WorkerRegistry>();
        var scenario = fixture.B.Services.GetRequiredService<TopologyTracker>().Scenario!;
        var actions = new ActionSpace(scenario);
        var edge = scenario.Servers.ToList().FindIndex(s => s.Name == "edge-1");
        // Registered on A, not yet heartbeating: B masks its server too, and knows its token key.
        await Eventually.HoldsAsync(() => registryOfB.Named("edge-1") is not null);
        Assert.False(Allowed(registryOfB.AllowedActions(scenario, actions), actions, edge));
        Assert.Equal(registered.TokenKey, WorkerTokens.Encode(registryOfB.Named("edge-1")!.TokenKey));

        await using var worker = await TestWorker.ConnectAsync(fixture.AddressOfA, registered);
        await worker.KeepBeatingAsync(new WorkerLoad(InFlight: 3, Queued: 2, Slots: 2));

        await Eventually.HoldsAsync(() => registryOfB.IsOnline(registryOfB.Named("edge-1")!));
        Assert.True(Allowed(registryOfB.AllowedActions(scenario, actions), actions, edge));
        Assert.Equal(5, registryOfB.ServerLoads(scenario, new int[scenario.Servers.Count])[edge]);

        await worker.StopBeatingAsync();

        await Eventually.HoldsAsync(() => !registryOfB.IsOnline(registryOfB.Named("edge-1")!));
        Assert.False(Allowed(registryOfB.AllowedActions(scenario, actions), actions, edge));
    }

    /// <summary>Whether the actions on server <paramref name="server"/> (index among the scenario's servers) may be chosen.</summary>
    private static bool Allowed(bool[]? allowed, ActionSpace actions, int server) =>
        allowed is null || allowed[actions.Encode(new PlacementAction(server + 1, 0))];
}
