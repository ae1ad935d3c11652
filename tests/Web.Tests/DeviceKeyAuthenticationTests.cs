using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdgeControl.Protocol;
using EdgeControl.Web.Api;
using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests;

/// <summary>Every device endpoint authenticates with the one device-key scheme, and answers a refusal the same way.</summary>
[Collection(MigratedAppDefinition.Name)]
public sealed class DeviceKeyAuthenticationTests(MigratedAppFixture fixture)
{
    [Fact]
    public async Task A_revoked_key_is_401_problem_details_naming_the_header_on_every_device_endpoint()
    {
        await using var app = DeviceRegistration.CreateApp(fixture.ConnectionString);
        using var client = app.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        using (var admin = app.CreateClient())
        {
            await SignIn.AsAdminAsync(admin);
            (await DashboardRequest.SendAsync(admin, HttpMethod.Delete, $"/api/v1/devices/{id}")).EnsureSuccessStatusCode();
        }

        foreach (var endpoint in DeviceEndpoints(id))
        {
            using var response = await client.SendAsync(endpoint(request => request.Headers.Add(DeviceHubContract.ApiKeyHeader, apiKey)));

            await AssertRefusedAsync(response, "does not hold a valid (unrevoked) device API key");
        }
    }

    [Fact]
    public async Task A_signed_in_admin_without_a_device_key_is_401_on_device_endpoints()
    {
        await using var app = DeviceRegistration.CreateApp(fixture.ConnectionString);
        using var client = app.CreateClient();
        var (id, _) = await DeviceRegistration.RegisterDeviceAsync(client);
        await SignIn.AsAdminAsync(client);

        foreach (var endpoint in DeviceEndpoints(id))
        {
            using var response = await client.SendAsync(endpoint(_ => { }));

            await AssertRefusedAsync(response, "with the device's API key is required");
        }
    }

    [Fact]
    public async Task A_key_in_the_access_token_query_counts_only_on_the_hub()
    {
        await using var app = DeviceRegistration.CreateApp(fixture.ConnectionString);
        using var client = app.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(client);
        var query = $"?{DeviceHubContract.AccessTokenQuery}={Uri.EscapeDataString(apiKey)}";

        using var heartbeat = await client.PostAsync(new Uri($"/api/v1/devices/{id}/heartbeat{query}", UriKind.Relative), null);
        using var negotiate = await client.PostAsync(new Uri($"{DeviceHubContract.Path}/negotiate{query}&negotiateVersion=1", UriKind.Relative), null);

        await AssertRefusedAsync(heartbeat, "with the device's API key is required");
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
    }

    /// <summary>A request to each device endpoint, with what the test adds to it.</summary>
    private static IEnumerable<Func<Action<HttpRequestMessage>, HttpRequestMessage>> DeviceEndpoints(Guid id)
    {
        yield return add => Post("/api/v1/telemetry", """{ "outcomes": [] }""", add);
        yield return add => Post("/api/v1/decisions", """{ "user": "camera-1", "uplinkMbps": 20, "rttEdgeMs": 5, "rttCloudMs": 40, "localLoad": 0 }""", add);
        yield return add => Post($"/api/v1/devices/{id}/heartbeat", body: null, add);
    }

    private static HttpRequestMessage Post(string path, string? body, Action<HttpRequestMessage> add)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (body is null)
        {
            // As the dashboard sends a bodyless change, so a signed-in caller gets past the cross-site guard to the key check.
            request.Headers.Add(CrossSiteRequestGuard.RequestedWithHeader, CrossSiteRequestGuard.RequestedWithValue);
        }

        add(request);
        return request;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string detail)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(DeviceHubContract.ApiKeyHeader, problem.GetProperty("header").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(DeviceHubContract.ApiKeyHeader, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
