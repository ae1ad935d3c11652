using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>Workers register like devices (token, names, 409), hold a worker-hub connection with their key, heartbeat with their load and report their profile.</summary>
public sealed class WorkerRegistrationTests(HubAppFixture fixture) : IClassFixture<HubAppFixture>
{
    [Fact]
    public async Task A_worker_registers_with_the_registration_token_and_gets_its_keys_once()
    {
        var name = UniqueName();

        var worker = await TestWorker.RegisterAsync(fixture.Address, name, "edge", "http://10.0.0.2:5100");

        Assert.Equal((name, "edge", "http://10.0.0.2:5100"), (worker.Name, worker.Tier, worker.Url));
        Assert.StartsWith("ec_", worker.ApiKey, StringComparison.Ordinal);
        var tokenKey = WorkerTokens.Decode(worker.TokenKey);
        Assert.Equal(WorkerTokens.KeyBytes, tokenKey.Length);
        var node = await Eventually.QueryAsync(fixture.App, db => db.Nodes.SingleAsync(n => n.Id == worker.Id));
        Assert.Equal((NodeTiers.Edge, "http://10.0.0.2:5100", "measured"), (node.Tier, node.Url, node.ProfileName));
        Assert.Equal(tokenKey, node.TokenKey);

        // Operators see it, never its keys.
        using var admin = new HttpClient { BaseAddress = fixture.Address };
        await SignIn.AsAdminAsync(admin);
        var listed = await admin.GetStringAsync(new Uri(WorkerContract.RegistrationPath, UriKind.Relative));
        var shown = JsonDocument.Parse(listed).RootElement.EnumerateArray().Single(w => w.GetProperty("name").GetString() == name);
        Assert.Equal(("edge", "offline", "http://10.0.0.2:5100"), (shown.GetProperty("tier").GetString(), shown.GetProperty("status").GetString(), shown.GetProperty("url").GetString()));
        Assert.DoesNotContain(worker.ApiKey, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(worker.TokenKey, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_named_after_a_scenario_server_takes_its_profile_and_must_be_of_its_tier()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };

        using var wrongTier = await TestWorker.RegisterRawAsync(http, """{ "name": "edge-1", "tier": "cloud", "url": "http://127.0.0.1:5100" }""");

        await AssertFieldsAsync(wrongTier, "tier");
    }

    [Fact]
    public async Task Registration_without_the_token_is_401_naming_the_header()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };

        using var response = await TestWorker.RegisterRawAsync(http, JsonSerializer.Serialize(new { name = UniqueName(), tier = "edge", url = "http://127.0.0.1:5100" }), token: "wrong-token-0123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("X-Registration-Token", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("header").GetString());
    }

    [Theory]
    [InlineData("""{ "name": "bad name", "tier": "edge", "url": "http://127.0.0.1:5100" }""", "name")]
    [InlineData("""{ "tier": "edge", "url": "http://127.0.0.1:5100" }""", "name")]
    [InlineData("""{ "name": "w-tier", "tier": "device", "url": "http://127.0.0.1:5100" }""", "tier")]
    [InlineData("""{ "name": "w-url", "tier": "cloud", "url": "ftp://127.0.0.1/x" }""", "url")]
    [InlineData("""{ "name": "w-url", "tier": "cloud", "url": "/relative" }""", "url")]
    [InlineData("""{ "name": "w-url", "tier": "cloud", "url": "http://user:secret@127.0.0.1:5100" }""", "url")]
    [InlineData("""{ "name": "bad name", "tier": "gpu" }""", "name", "tier", "url")]
    public async Task Bad_fields_are_400_naming_each(string body, params string[] fields)
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };

        using var response = await TestWorker.RegisterRawAsync(http, body);

        await AssertFieldsAsync(response, fields);
    }

    [Fact]
    public async Task A_url_longer_than_the_column_is_400_naming_it()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        var url = "http://127.0.0.1:5100/" + new string('a', NodeEntity.MaxUrlLength);

        using var response = await TestWorker.RegisterRawAsync(http, JsonSerializer.Serialize(new { name = UniqueName(), tier = "edge", url }));

        await AssertFieldsAsync(response, "url");
    }

    [Fact]
    public async Task A_name_taken_by_any_node_is_409()
    {
        var name = UniqueName();
        await TestWorker.RegisterAsync(fixture.Address, name, "cloud");
        using var http = new HttpClient { BaseAddress = fixture.Address };

        using var again = await TestWorker.RegisterRawAsync(http, JsonSerializer.Serialize(new { name, tier = "cloud", url = "http://127.0.0.1:5200" }));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("name", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_heartbeat_on_the_worker_hub_makes_the_worker_online_with_its_load()
    {
        var registered = await TestWorker.RegisterAsync(fixture.Address, UniqueName(), "edge");
        await using var worker = await TestWorker.ConnectAsync(fixture.Address, registered);

        await worker.KeepBeatingAsync(new WorkerLoad(InFlight: 2, Queued: 1, Slots: 4));

        using var admin = new HttpClient { BaseAddress = fixture.Address };
        await SignIn.AsAdminAsync(admin);
        var shown = await Eventually.ReachesAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>(new Uri(WorkerContract.RegistrationPath, UriKind.Relative)))
                .EnumerateArray().Single(w => w.GetProperty("id").GetGuid() == registered.Id),
            w => w.GetProperty("status").GetString() == "online");
        var load = shown.GetProperty("load");
        Assert.Equal((2, 1, 4), (load.GetProperty("inFlight").GetInt32(), load.GetProperty("queued").GetInt32(), load.GetProperty("slots").GetInt32()));
        // And in nodes, within one heartbeat interval, as a device's heartbeats are.
        await Eventually.HoldsAsync(() => Eventually.QueryAsync(fixture.App, db => db.Nodes.AnyAsync(n => n.Id == registered.Id && n.Status == NodeStatuses.Online && n.LastHeartbeatAt != null)));
    }

    [Fact]
    public async Task A_reported_profile_is_stored_on_the_node_without_variants_no_catalog_knows()
    {
        var registered = await TestWorker.RegisterAsync(fixture.Address, UniqueName(), "cloud");
        await using var worker = await TestWorker.ConnectAsync(fixture.Address, registered);

        await worker.ReportProfileAsync(new WorkerProfile(12.5, 2, [new("mobilenet_v1_1.0_224", 45.5), new("mobilenet_v1_0.25_128", 1.25), new("resnet_50", 80)], ServiceOverheadMs: 3.25));

        var node = await Eventually.QueryAsync(fixture.App, db => db.Nodes.SingleAsync(n => n.Id == registered.Id));
        Assert.NotNull(node.ProfiledAt);
        var stored = JsonSerializer.Deserialize<WorkerProfile>(node.MeasuredProfile!, JsonSerializerOptions.Web)!;
        Assert.Equal((12.5, 2), (stored.GigaMacsPerSecond, stored.Slots));
        Assert.Equal(["mobilenet_v1_1.0_224", "mobilenet_v1_0.25_128"], stored.Variants.Select(v => v.Variant));
        Assert.Equal(45.5, stored.Variants[0].MedianMs);
        Assert.Equal(3.25, stored.ServiceOverheadMs);
        // camelCase, as the web defaults write it.
        Assert.Contains("\"gigaMacsPerSecond\"", node.MeasuredProfile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_profile_from_the_workers_served_passes_replaces_the_stored_one_on_the_node_and_in_the_registry()
    {
        var registered = await TestWorker.RegisterAsync(fixture.Address, UniqueName(), "edge");
        await using var worker = await TestWorker.ConnectAsync(fixture.Address, registered);
        await worker.ReportProfileAsync(new WorkerProfile(20, 1, [new("mobilenet_v1_1.0_160", 14)], ServiceOverheadMs: 0.6));
        var first = await Eventually.QueryAsync(fixture.App, db => db.Nodes.SingleAsync(n => n.Id == registered.Id));

        // The same connection, later: the worker's passes have become slower under load.
        await worker.ReportProfileAsync(new WorkerProfile(14, 1, [new("mobilenet_v1_1.0_160", 20)], ServiceOverheadMs: 0.6));

        var node = await Eventually.QueryAsync(fixture.App, db => db.Nodes.SingleAsync(n => n.Id == registered.Id));
        var stored = JsonSerializer.Deserialize<WorkerProfile>(node.MeasuredProfile!, JsonSerializerOptions.Web)!;
        Assert.Equal((14.0, 20.0), (stored.GigaMacsPerSecond, stored.Variants.Single().MedianMs));
        Assert.True(node.ProfiledAt >= first.ProfiledAt, $"profiled_at {node.ProfiledAt:O} before the first report's {first.ProfiledAt:O}");
        // What the Devices page and the workers API show.
        var view = fixture.App.Services.GetRequiredService<Workers.WorkerRegistry>().Workers().Single(w => w.Id == registered.Id);
        Assert.Equal(14, view.MeasuredProfile!.GigaMacsPerSecond);
    }

    [Fact]
    public async Task Every_reported_profile_is_appended_to_the_workers_history_and_the_node_holds_the_latest()
    {
        var registered = await TestWorker.RegisterAsync(fixture.Address, UniqueName(), "edge");
        await using var worker = await TestWorker.ConnectAsync(fixture.Address, registered);

        // Its start-up self-profile, then an in-service one.
        await worker.ReportProfileAsync(new WorkerProfile(20, 1, [new("mobilenet_v1_1.0_160", 14)], ServiceOverheadMs: 0.6));
        await worker.ReportProfileAsync(new WorkerProfile(14, 1, [new("mobilenet_v1_1.0_160", 20)], ServiceOverheadMs: 0.6));

        var history = await Eventually.QueryAsync(fixture.App, db => db.WorkerProfiles.Where(p => p.NodeId == registered.Id).OrderBy(p => p.Id).ToListAsync());
        Assert.Equal([20.0, 14.0], history.Select(p => JsonSerializer.Deserialize<WorkerProfile>(p.Profile, JsonSerializerOptions.Web)!.GigaMacsPerSecond));
        Assert.True(history[1].ReportedAt >= history[0].ReportedAt, $"reported_at {history[1].ReportedAt:O} before the first report's {history[0].ReportedAt:O}");
        // Written together: the node's latest is the history's last row, to the microsecond.
        var node = await Eventually.QueryAsync(fixture.App, db => db.Nodes.SingleAsync(n => n.Id == registered.Id));
        Assert.Equal((history[1].Profile, history[1].ReportedAt), (node.MeasuredProfile, node.ProfiledAt));
    }

    [Theory]
    [InlineData(-1, 0, 4, "load.inFlight")]
    [InlineData(0, -3, 4, "load.queued")]
    [InlineData(0, 0, 0, "load.slots")]
    public async Task A_load_out_of_range_is_refused_naming_the_field(int inFlight, int queued, int slots, string field)
    {
        var registered = await TestWorker.RegisterAsync(fixture.Address, UniqueName(), "edge");
        await using var worker = await TestWorker.ConnectAsync(fixture.Address, registered);

        var refused = await Assert.ThrowsAsync<HubException>(() => worker.HeartbeatAsync(new WorkerLoad(inFlight, queued, slots)));

        Assert.Contains(field + ":", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, 2, "profile.gigaMacsPerSecond")]
    [InlineData(-5.0, 2, "profile.gigaMacsPerSecond")]
    [InlineData(10.0, 0, "profile.slots")]
    public async Task A_profile_with_a_number_that_is_not_positive_and_finite_is_refused_naming_the_field(double gigaMacs, int slots, string field)
    {
        var registered = await TestWorker.RegisterAsync(fixture.Address, UniqueName(), "edge");
        // MessagePack carries NaN and infinities, which JSON cannot.
        await using var worker = await TestWorker.ConnectAsync(fixture.Address, registered, messagePack: true);

        var refused = await Assert.ThrowsAsync<HubException>(() => worker.ReportProfileAsync(new WorkerProfile(gigaMacs, slots, [new("mobilenet_v1_1.0_224", 45)])));

        Assert.Contains(field + ":", refused.Message, StringComparison.Ordinal);
        Assert.Null((await Eventually.QueryAsync(fixture.App, db => db.Nodes.SingleAsync(n => n.Id == registered.Id))).MeasuredProfile);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public async Task A_service_overhead_that_is_negative_or_not_finite_is_refused_naming_it(double overheadMs)
    {
        var registered = await TestWorker.RegisterAsync(fixture.Address, UniqueName(), "edge");
        await using var worker = await TestWorker.ConnectAsync(fixture.Address, registered, messagePack: true);

        var refused = await Assert.ThrowsAsync<HubException>(() => worker.ReportProfileAsync(
            new WorkerProfile(10, 2, [new("mobilenet_v1_1.0_224", 45)], overheadMs)));

        Assert.Contains("profile.serviceOverheadMs:", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timing_that_is_not_a_positive_finite_number_is_refused_naming_it()
    {
        var registered = await TestWorker.RegisterAsync(fixture.Address, UniqueName(), "edge");
        await using var worker = await TestWorker.ConnectAsync(fixture.Address, registered, messagePack: true);

        var refused = await Assert.ThrowsAsync<HubException>(() => worker.ReportProfileAsync(
            new WorkerProfile(10, 2, [new("mobilenet_v1_1.0_224", 45), new("mobilenet_v1_0.5_160", double.PositiveInfinity)])));

        Assert.Contains("profile.variants[1].medianMs:", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_key_is_refused_on_the_worker_hub_and_a_worker_key_on_the_device_hub()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        var device = await DeviceRegistration.RegisterDeviceAsync(http);
        var worker = await TestWorker.RegisterAsync(fixture.Address, UniqueName(), "edge");

        await using var deviceOnWorkerHub = TestWorker.Hub(fixture.Address, device.ApiKey);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => deviceOnWorkerHub.StartAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        await using var workerOnDeviceHub = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Address, DeviceHubContract.Path), options => options.Headers[DeviceHubContract.ApiKeyHeader] = worker.ApiKey)
            .Build();
        var alsoRefused = await Assert.ThrowsAsync<HttpRequestException>(() => workerOnDeviceHub.StartAsync());
        Assert.Equal(HttpStatusCode.Forbidden, alsoRefused.StatusCode);
    }

    [Fact]
    public async Task Revoking_a_worker_closes_its_hub_connection_and_its_key_is_refused_from_then_on()
    {
        var registered = await TestWorker.RegisterAsync(fixture.Address, UniqueName(), "edge");
        await using var worker = await TestWorker.ConnectAsync(fixture.Address, registered);
        var closed = new TaskCompletionSource();
        worker.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        using var admin = new HttpClient { BaseAddress = fixture.Address };
        await SignIn.AsAdminAsync(admin);

        (await DashboardRequest.SendAsync(admin, HttpMethod.Delete, $"{WorkerContract.RegistrationPath}/{registered.Id}")).EnsureSuccessStatusCode();

        await closed.Task.WaitAsync(Eventually.Patience);
        await using var again = TestWorker.Hub(fixture.Address, registered.ApiKey);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static string UniqueName() => $"w-{Guid.NewGuid():N}";

    private static async Task AssertFieldsAsync(HttpResponseMessage response, params string[] fields)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(fields.Order(), errors.EnumerateObject().Select(e => e.Name).Order());
    }
}
