using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace EdgeControl.Web.Tests;

/// <summary>/metrics: Prometheus text of the control plane's instruments, for a scraper with the token or an admin.</summary>
[Collection(AloneAppDefinition.Name)]
public sealed partial class MetricsTests(MigratedAppFixture fixture)
{
    private const string ScrapeToken = "test-scrape-token-0123456789";
    private static readonly Uri Metrics = new("/metrics", UriKind.Relative);

    [Fact]
    public async Task Without_the_scrape_token_metrics_are_401_problem_details()
    {
        await using var app = CreateApp(learning: false);
        using var client = app.CreateClient();

        using var anonymous = await client.GetAsync(Metrics);
        using var wrongToken = await ScrapeAsync(client, "not-the-scrape-token-at-all");

        foreach (var response in new[] { anonymous, wrongToken })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task An_operator_is_refused_and_an_admin_reads_metrics()
    {
        await using var app = CreateApp(learning: false);
        using var client = app.CreateClient();
        await SignIn.AsNewOperatorAsync(app.Services, client);
        using var asOperator = await client.GetAsync(Metrics);
        using var adminClient = app.CreateClient();
        await SignIn.AsAdminAsync(adminClient);
        using var asAdmin = await adminClient.GetAsync(Metrics);

        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
    }

    [Fact]
    public async Task While_the_twin_learns_metrics_show_learning_queues_and_runtime_instruments()
    {
        await using var app = CreateApp(learning: true);
        using var client = app.CreateClient();

        string[] names =
        [
            "edgecontrol_learning_closed_loop_score", "edgecontrol_learning_score", "edgecontrol_learning_real_interactions", "edgecontrol_learning_regret",
            "edgecontrol_learning_model_loss", "edgecontrol_learning_log_rows_skipped_total", "edgecontrol_learning_share", "edgecontrol_outcomes_waiting",
            "edgecontrol_outcomes_stored_total", "edgecontrol_outcomes_rejected_total", "edgecontrol_database_available",
            "edgecontrol_database_write_failures_total", "edgecontrol_hub_connections", "edgecontrol_training_writes_waiting",
            "http_server_request_duration_seconds", "dotnet_gc_collections_total",
        ];

        // The learning instruments report from the first evaluation on, the HTTP ones from the first request.
        await Eventually.ReachesAsync<string>(() => ScrapeTextAsync(client), text => names.All(name => text.Contains(name, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_Grafana_dashboard_queries_only_metrics_the_app_exports()
    {
        await using var app = CreateApp(learning: true);
        using var client = app.CreateClient();
        var dashboard = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "deploy", "grafana", "edgecontrol.json"));
        var queried = MetricNamePattern().Matches(dashboard).Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(queried);
        // Histograms and counters of events appear with the first event: one decision, one hub call.
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        await Eventually.ReachesAsync<string?>(() => DecideAsync(client, apiKey), t => t is not null);
        var webSockets = app.Server.CreateWebSocketClient();
        webSockets.ConfigureRequest = request => request.Headers["X-Api-Key"] = apiKey;
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/devices"), options =>
            {
                // The device hub speaks WebSockets only; the test server has its own WebSocket client.
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, token) => await webSockets.ConnectAsync(context.Uri, token);
            })
            .Build();
        await hub.StartAsync();
        await hub.InvokeAsync("Heartbeat");

        await Eventually.ReachesAsync<string>(
            () => ScrapeTextAsync(client),
            text => queried.All(name => text.Contains(name, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_decision_increments_the_decision_counter_of_its_tier_and_source()
    {
        await using var app = CreateApp(learning: true);
        using var client = app.CreateClient();
        var (_, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        // The first decision is answered once the orchestrator has published its first policy.
        var tier = await Eventually.ReachesAsync<string?>(() => DecideAsync(client, apiKey), t => t is not null);
        var before = await Eventually.ReachesAsync<long>(async () => RestDecisions(await ScrapeTextAsync(client), tier!), n => n >= 1);

        // The policy learns between the two decisions, so the second may go elsewhere: its own tier's series counts it.
        var second = await DecideAsync(client, apiKey);
        var expected = second == tier ? before + 1 : 1;

        await Eventually.HoldsAsync(async () => RestDecisions(await ScrapeTextAsync(client), second!) == expected);
    }

    private EdgeControlAppFactory CreateApp(bool learning)
    {
        var settings = learning ? FastTraining.Settings() : new Dictionary<string, string?>();
        settings["Metrics:ScrapeToken"] = ScrapeToken;
        settings["Devices:RegistrationToken"] = DeviceRegistration.Token;
        return new EdgeControlAppFactory(fixture.ConnectionString, settings: settings);
    }

    private static async Task<HttpResponseMessage> ScrapeAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Metrics);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static async Task<string> ScrapeTextAsync(HttpClient client)
    {
        using var response = await ScrapeAsync(client, ScrapeToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The decision's target tier, or null while there is no policy yet (503).</summary>
    private static async Task<string?> DecideAsync(HttpClient client, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/decisions", UriKind.Relative))
        {
            Content = new StringContent(
                """{ "user": "camera-1", "uplinkMbps": 20, "rttEdgeMs": 5, "rttCloudMs": 40, "localLoad": 0, "networkCondition": "regular" }""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync();
        return TierPattern().Match(body).Groups[1].Value;
    }

    /// <summary>The sum of edgecontrol_decisions_total over the series of source "rest" and <paramref name="tier"/>.</summary>
    private static long RestDecisions(string metrics, string tier) => metrics
        .Split('\n')
        .Where(line => line.StartsWith("edgecontrol_decisions_total{", StringComparison.Ordinal)
            && line.Contains("source=\"rest\"", StringComparison.Ordinal)
            && line.Contains($"tier=\"{tier}\"", StringComparison.Ordinal))
        .Sum(line => long.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture));

    [GeneratedRegex(@"\b(edgecontrol|http|dotnet)_[a-z_]+\b")]
    private static partial Regex MetricNamePattern();

    [GeneratedRegex("\"targetTier\":\"([a-z]+)\"")]
    private static partial Regex TierPattern();
}
