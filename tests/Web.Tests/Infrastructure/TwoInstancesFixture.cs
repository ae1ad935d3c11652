using System.Globalization;
using EdgeControl.Web.Cluster;

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
    private ClusterInstance? _a;
    private ClusterInstance? _b;

    public EdgeControlAppFactory A => _a!.App;

    public EdgeControlAppFactory B => _b!.App;

    public Uri AddressOfA => _a!.Address!;

    public Uri AddressOfB => _b!.Address!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync();
        _a = await StartAsync("instance-a");
        _b = await StartAsync("instance-b");
    }

    private async Task<ClusterInstance> StartAsync(string name)
    {
        var instance = ClusterInstance.Start(name, _connectionString, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = RedisServer.ConnectionString,
            ["Devices:RegistrationToken"] = DeviceRegistration.Token,
            ["Devices:RegistrationsPerMinute"] = "10000",
            ["DeviceHub:HeartbeatInterval"] = HubAppFixture.HeartbeatInterval.ToString(),
            ["DeviceHub:MissedHeartbeats"] = HubAppFixture.MissedHeartbeats.ToString(CultureInfo.InvariantCulture),
        }, onLoopback: true);
        ServedPolicy.Serve(instance.App);
        await instance.Get<ClusterBus>().Listening.WaitAsync(Eventually.Patience);
        return instance;
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in new[] { _b, _a })
        {
            if (instance is not null)
            {
                await instance.DisposeAsync();
            }
        }

        if (_connectionString.Length > 0)
        {
            await PostgresServer.DropDatabaseAsync(_connectionString);
        }
    }
}
