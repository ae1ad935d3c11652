using System.Net;
using System.Net.Sockets;
using EdgeControl.Web.Accounts;
using EdgeControl.Web.Database;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Telemetry;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed class HealthTests(MigratedAppFixture fixture)
{
    [Fact]
    public async Task Live_reports_healthy()
    {
        using var client = fixture.App.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Healthy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_reports_healthy_when_database_is_reachable()
    {
        using var client = fixture.App.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Healthy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_reports_unhealthy_when_database_is_unreachable()
    {
        var unreachable = $"Host=127.0.0.1;Port={ClosedPort()};Database=edgecontrol;Username=edgecontrol;Timeout=3";
        // Start-up would rightly fail on the migrations; drop what reads the database at start-up (the migrator, the
        // first-admin seeder, the decision-ticket key, the decisions reported already, the registered workers and the Data
        // Protection key ring) to observe the probe alone,
        // as when the database goes away after start-up.
        await using var app = new EdgeControlAppFactory(unreachable, services =>
        {
            services.Remove(services.Single(d => d.ImplementationType == typeof(DatabaseMigrator)));
            services.Remove(services.Single(d => d.ImplementationType == typeof(FirstAdminSeeder)));
            services.Remove(services.Single(d => d.ImplementationType == typeof(DecisionTicketKeyLoader)));
            services.Remove(services.Single(d => d.ImplementationType == typeof(ReportedDecisionsLoader)));
            services.Remove(services.Single(d => d.ImplementationType == typeof(Workers.WorkerRegistryLoader)));
            services.Remove(services.Single(d => d.ImplementationType == typeof(Cluster.SharedKeyRingInitializer)));
        });
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Unhealthy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on: bound by the OS, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
