using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// The web app on real Kestrel (loopback, free port) with its own database and short heartbeat intervals, shared by
/// the device hub tests. The orchestrator is off; the scenario and a (fresh) policy are put in place the way the orchestrator does it when a run starts.
/// </summary>
public sealed class HubAppFixture : IAsyncLifetime
{
    /// <summary>Devices missing heartbeats for <see cref="MissedHeartbeats"/> x 300 ms are offline.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// 1.2 s of silence makes a device offline: short, so the offline test is quick, yet a device heartbeating every
    /// 100 ms stays online through the scheduling stalls of a busy 2-core machine (a GC, a starved thread pool).
    /// </summary>
    public const int MissedHeartbeats = 4;

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
            ["DeviceHub:HeartbeatInterval"] = HeartbeatInterval.ToString(),
            ["DeviceHub:MissedHeartbeats"] = MissedHeartbeats.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Address = App.ServeOnLoopback();

        ServedPolicy.Serve(App);
    }

    /// <summary>
    /// The decision-log rows of <paramref name="nodeId"/> a learner following the log replays: those stored with their
    /// decision's context (scenario, action, observation).
    /// </summary>
    public Task<List<DecisionLogEntity>> ReplayableRowsAsync(Guid nodeId) =>
        Eventually.QueryAsync(App, db => db.DecisionLog.Where(d => d.NodeId == nodeId && d.Scenario != null && d.Action != null && d.ServerLoads != null).ToListAsync());

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
