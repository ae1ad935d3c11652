using System.Net;
using EdgeControl.Web.Resilience;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EdgeControl.Web.Tests;

/// <summary>The app's database behind a TCP proxy that the tests cut, as when PostgreSQL goes away after start-up.</summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private string _connectionString = string.Empty;
    private TcpProxy Proxy { get; set; } = null!;

    private EdgeControlAppFactory App { get; set; } = null!;
    private string _viaProxy = string.Empty;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync();
        var direct = new NpgsqlConnectionStringBuilder(_connectionString);
        Proxy = new TcpProxy(new Uri($"tcp://{direct.Host}:{direct.Port}"));
        var viaProxy = new NpgsqlConnectionStringBuilder(_connectionString) { Host = "127.0.0.1", Port = Proxy.Address.Port, Timeout = 3 };
        _viaProxy = viaProxy.ConnectionString;
        App = new EdgeControlAppFactory(_viaProxy, settings: new Dictionary<string, string?>
        {
            // The heartbeat monitor touches the database every interval: it notices an outage within one.
            ["DeviceHub:HeartbeatInterval"] = "00:00:00.200",
        });
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Proxy.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Every_page_shows_a_banner_while_the_database_is_away_and_it_goes_when_the_database_returns()
    {
        using var client = App.CreateClient();
        await SignIn.AsAdminAsync(client);
        Assert.DoesNotContain("Database unavailable", await PageAsync(client, "/"), StringComparison.Ordinal);

        Cut();
        await UntilAsync(async () => (await PageAsync(client, "/")).Contains("Database unavailable since", StringComparison.Ordinal), "the banner on /");
        foreach (var page in new[] { "/users", "/devices", "/training", "/learning" })
        {
            var html = await PageAsync(client, page);
            Assert.Contains("Database unavailable since", html, StringComparison.Ordinal);
            Assert.Contains("outcomes waiting; decisions continue", html, StringComparison.Ordinal);
        }

        Restore();
        await UntilAsync(async () => !(await PageAsync(client, "/")).Contains("Database unavailable", StringComparison.Ordinal), "the banner gone");
    }

    [Fact]
    public async Task Readiness_names_the_database_while_it_is_away_and_liveness_stays_healthy()
    {
        using var client = App.CreateClient();

        Cut();
        await UntilAsync(async () => (await StatusAsync(client, "/health/ready")) == HttpStatusCode.ServiceUnavailable, "readiness to fail");
        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            var body = await ready.Content.ReadAsStringAsync();
            Assert.Contains("\"database\":{\"status\":\"Unhealthy\"", body, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/health/live"));
        await UntilAsync(() => Task.FromResult(!App.Services.GetRequiredService<DatabaseAvailability>().IsAvailable), "the writers to notice");

        Restore();
        await UntilAsync(async () => (await StatusAsync(client, "/health/ready")) == HttpStatusCode.OK, "readiness to recover");
        await UntilAsync(() => Task.FromResult(App.Services.GetRequiredService<DatabaseAvailability>().IsAvailable), "the writers to recover");
    }

    private void Cut()
    {
        Proxy.Refuse = true;
        Proxy.CutAll();
        // Pooled connections would otherwise be tried (and found dead) one by one.
        using var pooled = new NpgsqlConnection(_viaProxy);
        NpgsqlConnection.ClearPool(pooled);
    }

    private void Restore() => Proxy.Refuse = false;

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 3000)]}");
        return body;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited {Patience.TotalSeconds} s for {what}");
            await Task.Delay(100);
        }
    }
}
