using System.Globalization;
using System.Net;
using EdgeControl.Web.Cluster;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// Two instances of the control plane, as an operator scales out: each on real Kestrel (loopback, its own free port;
/// hub clients need real sockets), one PostgreSQL database between them, SignalR over the real redis-server of
/// ./test.sh, named <c>instance-a</c> and <c>instance-b</c>, with the device hub fixture's short heartbeats. B starts
/// once A has migrated the database; both listen on the cluster bus before a test runs.
/// </summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public EdgeControlAppFactory A { get; private set; } = null!;

    public EdgeControlAppFactory B { get; private set; } = null!;

    public Uri AddressOfA { get; private set; } = null!;

    public Uri AddressOfB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync();
        (A, AddressOfA) = await StartAsync("instance-a");
        (B, AddressOfB) = await StartAsync("instance-b");
    }

    private async Task<(EdgeControlAppFactory App, Uri Address)> StartAsync(string name)
    {
        var app = new EdgeControlAppFactory(_connectionString, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = RedisServer.ConnectionString,
            ["Cluster:InstanceName"] = name,
            ["Devices:RegistrationToken"] = DeviceRegistration.Token,
            ["Devices:RegistrationsPerMinute"] = "10000",
            ["DeviceHub:HeartbeatInterval"] = HubAppFixture.HeartbeatInterval.ToString(),
            ["DeviceHub:MissedHeartbeats"] = HubAppFixture.MissedHeartbeats.ToString(CultureInfo.InvariantCulture),
        });
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        ServedPolicy.Serve(app);
        await app.Services.GetRequiredService<ClusterBus>().Listening.WaitAsync(Eventually.Patience);
        return (app, address);
    }

    public async Task DisposeAsync()
    {
        foreach (var app in new[] { B, A })
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        if (_connectionString.Length > 0)
        {
            await PostgresServer.DropDatabaseAsync(_connectionString);
        }
    }
}
