using System.Net;
using System.Text.Json;
using EdgeControl.Protocol;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>Redis carries only what crosses instances: when it dies, an instance keeps serving the devices connected to it.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task When_Redis_is_killed_the_instance_stays_up_and_serves_its_devices_readiness_says_degraded_and_group_messages_flow_again_once_it_is_back()
    {
        using var redis = new PrivateRedis();
        await redis.StartAsync();
        var database = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using var app = new EdgeControlAppFactory(database, settings: new Dictionary<string, string?>
            {
                ["ConnectionStrings:Redis"] = redis.ConnectionString,
                ["Devices:RegistrationToken"] = DeviceRegistration.Token,
            });
            var address = app.ServeOnLoopback();
            ServedPolicy.Serve(app);
            using var client = new HttpClient { BaseAddress = address };
            var (deviceId, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
            await using var device = await RawHubDevice.ConnectAsync(address, apiKey);
            Assert.Equal("Healthy", await RedisCheckAsync(client));

            redis.Kill();

            Assert.Equal("Degraded", await Eventually.ReachesAsync(() => RedisCheckAsync(client), status => status == "Degraded"));
            using (var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            }

            using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }

            // Answers to the caller go straight down its own connection, not through Redis.
            Assert.Equal("during-outage", (await device.DecideAsync("during-outage")).RequestId);

            await redis.StartAsync();

            await Eventually.ReachesAsync(() => RedisCheckAsync(client), status => status == "Healthy");
            // The group message goes through Redis: the subscription of the connection that outlived the outage was
            // renewed; and a device connects again (during the outage one may be refused: it retries).
            var hub = app.Services.GetRequiredService<IHubContext<DevicesHub, IDeviceClient>>();
            await hub.Clients.Group(DevicesHub.GroupOf(deviceId)).Acknowledge(7);
            await Eventually.HoldsAsync(() => device.AcknowledgedUpTo == 7);
            await using var newcomer = await RawHubDevice.ConnectAsync(address, apiKey);
            Assert.Equal("after-outage", (await newcomer.DecideAsync("after-outage")).RequestId);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    private static async Task<string> RedisCheckAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return report.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString()!;
    }
}
