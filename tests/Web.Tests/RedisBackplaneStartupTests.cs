using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>Redis is used only when configured, and a connection string it cannot read stops start-up with one sentence.</summary>
public sealed class RedisBackplaneStartupTests
{
    [Fact]
    public async Task Without_ConnectionStrings_Redis_the_hubs_stay_in_process()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using var app = new EdgeControlAppFactory(database);
            Assert.IsType<DefaultHubLifetimeManager<DevicesHub>>(app.Services.GetRequiredService<HubLifetimeManager<DevicesHub>>());
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task A_Redis_connection_string_it_cannot_read_stops_start_up_naming_the_setting_without_echoing_it()
    {
        await using var app = new EdgeControlAppFactory("Host=127.0.0.1;Database=unused", settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = "localhost:6379,password=secret-1,frobnicate=1",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.StartsWith("ConnectionStrings:Redis is not a Redis connection string (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("give host:port[,option=value...], e.g. localhost:6379, or leave it empty for one instance without Redis.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-1", error.Message, StringComparison.Ordinal);
    }
}
