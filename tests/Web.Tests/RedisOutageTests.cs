using System.Net;
using System.Text.Json;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>Redis carries only what crosses instances: when it dies, an instance keeps serving the devices connected to it.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task When_Redis_is_killed_the_instance_stays_up_its_connected_device_keeps_getting_decisions_and_readiness_says_degraded_until_it_is_back()
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
            app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            app.StartServer();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            ServedPolicy.Serve(app);
            using var client = new HttpClient { BaseAddress = address };
            var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
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
