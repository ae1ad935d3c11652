using System.Net;
using System.Net.Http.Json;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Scenarios;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Resilience;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EdgeControl.Web.Tests;

/// <summary>The app's database behind a TCP proxy that the tests cut, as when PostgreSQL goes away after start-up.</summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private string _connectionString = string.Empty;
    private TcpProxy Proxy { get; set; } = null!;

    private EdgeControlAppFactory App { get; set; } = null!;
    private string _viaProxy = string.Empty;

    private Uri Address { get; set; } = null!;

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
            ["Devices:RegistrationToken"] = DeviceRegistration.Token,
            ["DeviceHub:OutcomeQueueCapacity"] = "500",
        });
        Address = App.ServeOnLoopback();
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
        await Eventually.HoldsAsync(async () => (await PageAsync(client, "/")).Contains("Database unavailable since", StringComparison.Ordinal));
        foreach (var page in new[] { "/users", "/devices", "/training", "/learning" })
        {
            var html = await PageAsync(client, page);
            Assert.Contains("Database unavailable since", html, StringComparison.Ordinal);
            Assert.Contains("outcomes waiting; decisions continue", html, StringComparison.Ordinal);
        }

        Restore();
        await Eventually.HoldsAsync(async () => !(await PageAsync(client, "/")).Contains("Database unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_session_used_before_the_outage_keeps_the_dashboard_and_a_sign_out_during_it_is_503_and_ends_it_here_at_once()
    {
        using var client = App.CreateClient();
        await SignIn.AsAdminAsync(client);
        await PageAsync(client, "/");

        Cut();
        await Eventually.HoldsAsync(() => !App.Services.GetRequiredService<DatabaseAvailability>().IsAvailable);
        var page = await PageAsync(client, "/devices");
        using var signOut = await client.PostAsync(new Uri("/api/v1/accounts/sign-out", UriKind.Relative), JsonContent.Create(new { }));
        var afterSignOut = await StatusAsync(client, "/devices");

        Assert.Contains("Database unavailable since", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, afterSignOut);
        // The row was never deleted: once the database is back the session is there again, and signing out now ends it.
        Restore();
        await Eventually.HoldsAsync(async () => await StatusAsync(client, "/api/v1/accounts/me") == HttpStatusCode.OK);
        using var signedOut = await client.PostAsync(new Uri("/api/v1/accounts/sign-out", UriKind.Relative), JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
    }

    [Fact]
    public async Task Readiness_names_the_database_while_it_is_away_and_liveness_stays_healthy()
    {
        using var client = App.CreateClient();

        Cut();
        await Eventually.HoldsAsync(async () => (await StatusAsync(client, "/health/ready")) == HttpStatusCode.ServiceUnavailable);
        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            var body = await ready.Content.ReadAsStringAsync();
            Assert.Contains("\"database\":{\"status\":\"Unhealthy\"", body, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/health/live"));
        await Eventually.HoldsAsync(() => !App.Services.GetRequiredService<DatabaseAvailability>().IsAvailable);

        Restore();
        await Eventually.HoldsAsync(async () => (await StatusAsync(client, "/health/ready")) == HttpStatusCode.OK);
        await Eventually.HoldsAsync(() => App.Services.GetRequiredService<DatabaseAvailability>().IsAvailable);
    }

    [Fact]
    public async Task A_device_known_before_the_outage_still_gets_decisions_over_rest_and_an_unknown_key_gets_503()
    {
        ServedPolicy.Serve(App);
        using var client = App.CreateClient();
        var (_, known) = await DeviceRegistration.RegisterDeviceAsync(client);
        var (_, unseen) = await DeviceRegistration.RegisterDeviceAsync(client);
        Assert.Equal(HttpStatusCode.OK, await DecideAsync(client, known));

        Cut();

        Assert.Equal(HttpStatusCode.OK, await DecideAsync(client, known));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await DecideAsync(client, unseen));
        Restore();
        await Eventually.HoldsAsync(async () => await DecideAsync(client, unseen) == HttpStatusCode.OK);
    }

    [Fact]
    public async Task When_the_outcome_queue_is_full_a_report_is_refused_with_keep_and_send_later_re_sends_take_no_room_and_what_waited_is_stored_after()
    {
        using var http = new HttpClient { BaseAddress = Address };
        var (nodeId, apiKey) = await DeviceRegistration.RegisterDeviceAsync(http);
        var acknowledged = 0L;
        await using var device = new HubConnectionBuilder()
            .WithUrl(new Uri(Address, DeviceHubContract.Path), options => options.Headers[DeviceHubContract.ApiKeyHeader] = apiKey)
            .Build();
        device.On<long>(nameof(IDeviceClient.Acknowledge), sequence => Interlocked.Exchange(ref acknowledged, sequence));
        var decisions = System.Threading.Channels.Channel.CreateUnbounded<ExecuteCommand>();
        device.On<ExecuteCommand>(nameof(IDeviceClient.Execute), command => decisions.Writer.TryWrite(command));
        await device.StartAsync();
        // Outcomes are accepted only for decisions issued to the device: 501 of them, asked for while the database is up.
        ServedPolicy.Serve(App);
        var decided = new List<ExecuteCommand>();
        for (var i = 1; i <= 501; i++)
        {
            await device.SendAsync(DeviceHubContract.Heartbeat);
            await device.InvokeAsync(DeviceHubContract.SubmitRequest, new RequestContext($"r-{i}", "camera-1", 20, 5, 40, 0, "regular"));
            decided.Add(await decisions.Reader.ReadAsync().AsTask().WaitAsync(Eventually.Patience));
        }

        MeasuredOutcome[] Outcomes(int first, int count) =>
            [.. decided.Skip(first - 1).Take(count).Select((c, i) => new MeasuredOutcome(
                first + i, c.RequestId, c.User, c.Action, c.Target, c.Variant, 42.5, 0.8, 0.71, DateTimeOffset.UtcNow, c.Ticket))];

        Cut();
        await Eventually.HoldsAsync(() => !App.Services.GetRequiredService<DatabaseAvailability>().IsAvailable);
        await device.InvokeAsync(DeviceHubContract.ReportOutcomes, Outcomes(1, 500));
        // A device re-sending what is unacknowledged (it does every 30 s) does not fill the queue with copies.
        await device.InvokeAsync(DeviceHubContract.ReportOutcomes, Outcomes(1, 500));
        var refused = await Assert.ThrowsAsync<HubException>(() => device.InvokeAsync(DeviceHubContract.ReportOutcomes, Outcomes(501, 1)));

        Assert.Contains("keep these and send them again later", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, Interlocked.Read(ref acknowledged));
        Restore();
        await Eventually.HoldsAsync(() => Interlocked.Read(ref acknowledged) == 500);
        await device.InvokeAsync(DeviceHubContract.ReportOutcomes, Outcomes(501, 1));
        await Eventually.HoldsAsync(() => Interlocked.Read(ref acknowledged) == 501);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        Assert.Equal(501, await db.DecisionLog.CountAsync(d => d.NodeId == nodeId));
    }

    private static async Task<HttpStatusCode> DecideAsync(HttpClient client, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/decisions", UriKind.Relative))
        {
            Content = new StringContent("""{ "user": "camera-1", "uplinkMbps": 20, "rttEdgeMs": 5, "rttCloudMs": 40, "localLoad": 0 }""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
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

}
