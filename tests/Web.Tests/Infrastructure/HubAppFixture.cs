using System.Net;
using EdgeControl.Web.Decisions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// The web app on real Kestrel (loopback, free port) with its own database, learning (so the decision service has a
/// policy) and short heartbeat intervals, shared by the device hub tests.
/// </summary>
public sealed class HubAppFixture : IAsyncLifetime
{
    /// <summary>Devices missing heartbeats for 2 x 300 ms are offline.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(300);

    private static readonly TimeSpan PolicyPatience = TimeSpan.FromSeconds(60);

    private string _connectionString = string.Empty;

    public EdgeControlAppFactory App { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public string ConnectionString => _connectionString;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync();
        App = new EdgeControlAppFactory(_connectionString, settings: new Dictionary<string, string?>
        {
            ["Devices:RegistrationToken"] = DeviceRegistration.Token,
            ["Orchestrator:Enabled"] = "true",
            // DQN: its first evaluation (and so the first published policy) comes without HL's model fitting.
            ["Orchestrator:Agent"] = "dqn",
            ["DeviceHub:HeartbeatInterval"] = HeartbeatInterval.ToString(),
            ["DeviceHub:MissedHeartbeats"] = "2",
        });
        App.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        Address = new Uri(addresses.Addresses.First());

        var decisions = App.Services.GetRequiredService<DecisionService>();
        var deadline = DateTime.UtcNow + PolicyPatience;
        while (decisions.Scenario is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the orchestrator published no policy in time");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (_connectionString.Length > 0)
        {
            await PostgresServer.DropDatabaseAsync(_connectionString);
        }
    }
}
