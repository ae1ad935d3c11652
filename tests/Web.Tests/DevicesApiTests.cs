using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EdgeControl.Data;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed class DevicesApiTests(MigratedAppFixture fixture)
{
    private const string Token = DeviceRegistration.Token;
    private static readonly Uri Devices = new("/api/v1/devices", UriKind.Relative);

    [Fact]
    public async Task Registration_returns_201_with_a_key_that_is_shown_once_and_stored_only_as_its_hash()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var name = UniqueName();

        using var response = await RegisterAsync(client, DeviceRegistration.Body(name, "rpi4"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var device = await ReadJsonAsync(response);
        var id = device.GetProperty("id").GetGuid();
        var apiKey = device.GetProperty("apiKey").GetString()!;
        Assert.StartsWith("ec_", apiKey, StringComparison.Ordinal);
        Assert.Equal(name, device.GetProperty("name").GetString());
        Assert.Equal("rpi4", device.GetProperty("profile").GetString());
        Assert.Equal(DeviceRegistration.Users, Users(device));
        Assert.Equal($"/api/v1/devices/{id}", response.Headers.Location?.OriginalString);

        await SignIn.AsAdminAsync(client);
        var list = await client.GetStringAsync(Devices);
        var single = await client.GetStringAsync(new Uri($"/api/v1/devices/{id}", UriKind.Relative));
        Assert.Contains(name, list, StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, list, StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, single, StringComparison.Ordinal);
        Assert.Equal("offline", JsonDocument.Parse(single).RootElement.GetProperty("status").GetString());
        Assert.Equal(DeviceRegistration.Users.Order(StringComparer.Ordinal), Users(JsonDocument.Parse(single).RootElement));
        Assert.Equal(DeviceRegistration.Users.Order(StringComparer.Ordinal), Users(JsonDocument.Parse(list).RootElement.EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == id)));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var stored = await db.DeviceApiKeys.SingleAsync(k => k.NodeId == id);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)), stored.KeyHash);
        Assert.Equal(apiKey[..8], stored.KeyPrefix);
        Assert.Equal(0L, await CountRowsHoldingAsync(apiKey));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-registration-token")]
    public async Task Registration_without_the_right_token_is_401_problem_details(string? token)
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();

        using var response = await RegisterAsync(client, DeviceRegistration.Body(UniqueName(), "rpi4"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Registration-Token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_is_403_when_no_registration_token_is_configured()
    {
        await using var app = CreateApp(token: string.Empty);
        using var client = app.CreateClient();

        using var response = await RegisterAsync(client, DeviceRegistration.Body(UniqueName(), "rpi4"), token: string.Empty);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("No registration token is configured", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "profile": "rpi4" }""", "name")]
    [InlineData("""{ "name": "", "profile": "rpi4" }""", "name")]
    [InlineData("""{ "name": "has spaces!", "profile": "rpi4" }""", "name")]
    [InlineData("""{ "name": 5, "profile": "rpi4" }""", "name")]
    [InlineData("""{ "name": "pi-kitchen" }""", "profile")]
    [InlineData("""{ "name": "pi-kitchen", "profile": "edge-cpu" }""", "profile")]
    [InlineData("""{ "name": "pi-kitchen", "profile": "rpi4", "colour": "red" }""", "colour")]
    [InlineData("""{ "name": "pi-kitchen", "profile": "rpi4" }""", "users")]
    [InlineData("""{ "name": "pi-kitchen", "profile": "rpi4", "users": [] }""", "users")]
    [InlineData("""{ "name": "pi-kitchen", "profile": "rpi4", "users": "camera-1" }""", "users")]
    [InlineData("""{ "name": "pi-kitchen", "profile": "rpi4", "users": ["camera-1", ""] }""", "users[1]")]
    [InlineData("""{ "name": "pi-kitchen", "profile": "rpi4", "users": ["camera-1", null] }""", "users[1]")]
    [InlineData("""{ "name": "pi-kitchen", "profile": "rpi4", "users": ["camera-1", "phone-1", "camera-1"] }""", "users[2]")]
    [InlineData("""{ "name": "pi-kitchen", "profile": "rpi4", "users": ["camera\u0000-1"] }""", "users[0]")]
    [InlineData("""{ "name": "pi-kitchen", "profile": "rpi4", "users": ["a-user-name-longer-than-the-decision-log-keeps-which-is-64-characters"] }""", "users[0]")]
    public async Task Bad_registration_is_400_validation_problem_naming_the_field(string body, string field)
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();

        using var response = await RegisterAsync(client, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ReadJsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for '{field}', got {errors}");
    }

    [Fact]
    public async Task A_device_hosting_1000_users_registers_and_1001_are_refused_naming_users()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var users = Enumerable.Range(1, 1001).Select(i => $"user-with-a-long-name-of-the-longest-kind-allowed-here-{i:D9}").ToList();
        Assert.Equal(DecisionLogEntity.MaxUserNameLength, users[0].Length);

        using var thousand = await RegisterAsync(client, DeviceRegistration.Body(users: [.. users.Take(1000)]));
        using var more = await RegisterAsync(client, DeviceRegistration.Body(users: users));

        Assert.Equal(HttpStatusCode.Created, thousand.StatusCode);
        Assert.Equal(1000, Users(await ReadJsonAsync(thousand)).Count);
        Assert.Equal(HttpStatusCode.BadRequest, more.StatusCode);
        Assert.True((await ReadJsonAsync(more)).GetProperty("errors").TryGetProperty("users", out _));
    }

    [Fact]
    public async Task Registration_body_over_512_KB_is_413_problem_details()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var padding = new string('x', 513 * 1024);

        using var response = await RegisterAsync(client, DeviceRegistration.Body(padding, "rpi4"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Registering_a_taken_name_is_409_problem_details_naming_name()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var body = DeviceRegistration.Body(UniqueName(), "rpi3");
        using var first = await RegisterAsync(client, body);

        using var second = await RegisterAsync(client, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal("name", (await ReadJsonAsync(second)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Heartbeat_with_the_device_key_is_204_and_marks_it_online()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, apiKey) = await RegisterDeviceAsync(client);

        using var response = await HeartbeatAsync(client, id, apiKey);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await SignIn.AsAdminAsync(client);
        var device = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/devices/{id}", UriKind.Relative))).RootElement;
        Assert.Equal("online", device.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, device.GetProperty("lastHeartbeatAt").ValueKind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ec_not-a-key-anyone-was-given")]
    public async Task Heartbeat_with_a_missing_or_wrong_key_is_401(string? apiKey)
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, _) = await RegisterDeviceAsync(client);

        using var response = await HeartbeatAsync(client, id, apiKey);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Heartbeat_with_another_devices_key_is_403()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, _) = await RegisterDeviceAsync(client);
        var (_, otherKey) = await RegisterDeviceAsync(client);

        using var response = await HeartbeatAsync(client, id, otherKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Revoked_device_key_gets_401_on_heartbeat()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, apiKey) = await RegisterDeviceAsync(client);

        await SignIn.AsAdminAsync(client);
        using var revoked = await DashboardRequest.SendAsync(client, HttpMethod.Delete, $"/api/v1/devices/{id}");
        using var heartbeat = await HeartbeatAsync(client, id, apiKey);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, heartbeat.StatusCode);
        var device = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/devices/{id}", UriKind.Relative))).RootElement;
        Assert.Equal("revoked", device.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Revoking_needs_a_signed_in_admin_the_registration_token_is_not_enough()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, _) = await RegisterDeviceAsync(client);
        using var withToken = new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/devices/{id}", UriKind.Relative));
        withToken.Headers.Add("X-Registration-Token", Token);

        using var response = await client.SendAsync(withToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Revoking_as_an_operator_is_403()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var (id, _) = await RegisterDeviceAsync(client);
        await SignIn.AsNewOperatorAsync(app.Services, client);

        using var response = await DashboardRequest.SendAsync(client, HttpMethod.Delete, $"/api/v1/devices/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_admin_registers_a_device_without_the_token()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        await SignIn.AsAdminAsync(client);

        using var response = await RegisterAsync(client, DeviceRegistration.Body(UniqueName(), "rpi3"), token: null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_device_is_404_problem_details_naming_the_id()
    {
        await using var app = CreateApp();
        using var client = app.CreateClient();
        var id = Guid.NewGuid();

        await SignIn.AsAdminAsync(client);
        using var response = await client.GetAsync(new Uri($"/api/v1/devices/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(id.ToString(), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private EdgeControlAppFactory CreateApp(string token = Token) => DeviceRegistration.CreateApp(fixture.ConnectionString, token);

    private static string UniqueName() => DeviceRegistration.UniqueName();

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string body, string? token = Token) =>
        DeviceRegistration.RegisterAsync(client, body, token);

    private static Task<(Guid Id, string ApiKey)> RegisterDeviceAsync(HttpClient client) => DeviceRegistration.RegisterDeviceAsync(client);

    private static async Task<HttpResponseMessage> HeartbeatAsync(HttpClient client, Guid id, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/devices/{id}/heartbeat", UriKind.Relative));
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return await client.SendAsync(request);
    }

    private static List<string> Users(JsonElement device) =>
        [.. device.GetProperty("users").EnumerateArray().Select(u => u.GetString()!)];

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    /// <summary>Rows of nodes or device_api_keys whose text form contains <paramref name="value"/> anywhere.</summary>
    private async Task<long> CountRowsHoldingAsync(string value)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM nodes n WHERE strpos(n::text, @value) > 0) + (SELECT count(*) FROM device_api_keys k WHERE strpos(k::text, @value) > 0)",
            connection);
        command.Parameters.AddWithValue("value", value);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
