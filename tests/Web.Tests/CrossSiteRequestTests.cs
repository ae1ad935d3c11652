using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Tests;

/// <summary>
/// What another site can make a signed-in admin's browser send is refused before it changes anything: bodies that are
/// not declared JSON (415), requests from another origin (403), and cookie-carrying requests without a body unless they
/// carry the dashboard's header (415). On real Kestrel, with the admin's real session cookie.
/// </summary>
[Collection(RealSocketAppDefinition.Name)]
public sealed class CrossSiteRequestTests(RealSocketAppFixture fixture)
{
    public static TheoryData<string, string> JsonEndpoints => new()
    {
        { "/api/v1/training-runs", """{ "agent": "dqn", "warmStart": false }""" },
        { "/api/v1/devices", DeviceRegistration.Body(name: "pi-csrf") },
        { "/api/v1/accounts", """{ "userName": "mallory", "password": "mallory-password-1", "role": "Admin" }""" },
        { "/api/v1/accounts/sign-in", """{ "userName": "admin", "password": "guess-guess-guess" }""" },
        { "/api/v1/telemetry", """{ "outcomes": [] }""" },
        { "/api/v1/decisions", """{ "user": "camera-1", "uplinkMbps": 20, "rttEdgeMs": 5, "rttCloudMs": 40, "localLoad": 0 }""" },
    };

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task A_JSON_body_without_a_Content_Type_is_415_problem_details(string path, string json)
    {
        using var admin = await AdminAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)),
        };

        using var response = await admin.SendAsync(request);

        await AssertRefusedAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_body_of_a_type_an_HTML_form_can_send_is_415_and_registers_nothing(string contentType)
    {
        using var admin = await AdminAsync();
        var name = DeviceRegistration.UniqueName();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/devices", UriKind.Relative))
        {
            Content = new StringContent(DeviceRegistration.Body(name: name)),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await admin.SendAsync(request);

        await AssertRefusedAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type");
        Assert.False(await Eventually.QueryAsync(fixture.App, db => db.Nodes.AnyAsync(n => n.Name == name)));
    }

    [Fact]
    public async Task A_form_urlencoded_POST_to_stop_a_training_run_is_415()
    {
        using var admin = await AdminAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["confirm"] = "yes" });

        using var response = await admin.PostAsync(new Uri($"/api/v1/training-runs/{Guid.NewGuid()}/stop", UriKind.Relative), form);

        await AssertRefusedAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_cookie_POST_from_another_origin_is_403_problem_details_and_registers_nothing(string header, string value)
    {
        using var admin = await AdminAsync();
        var name = DeviceRegistration.UniqueName();
        using var request = RegisterRequest(name);
        request.Headers.Add(header, value);

        using var response = await admin.SendAsync(request);

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, header);
        Assert.False(await Eventually.QueryAsync(fixture.App, db => db.Nodes.AnyAsync(n => n.Name == name)));
    }

    [Fact]
    public async Task A_cookie_POST_from_the_apps_own_origin_is_served()
    {
        using var admin = await AdminAsync();
        var name = DeviceRegistration.UniqueName();
        using var request = RegisterRequest(name);
        request.Headers.Add("Origin", fixture.Address.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(await Eventually.QueryAsync(fixture.App, db => db.Nodes.AnyAsync(n => n.Name == name)));
    }

    [Fact]
    public async Task A_bodyless_stop_with_the_session_cookie_is_415_without_the_dashboard_header_and_served_with_it()
    {
        using var admin = await AdminAsync();
        var stop = $"/api/v1/training-runs/{Guid.NewGuid()}/stop";

        using var bare = await admin.PostAsync(new Uri(stop, UriKind.Relative), null);
        using var served = await DashboardRequest.SendAsync(admin, HttpMethod.Post, stop);

        await AssertRefusedAsync(bare, HttpStatusCode.UnsupportedMediaType, "Content-Type");
        // The endpoint itself answered: there is no such run.
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
        Assert.Equal("Training run not found", (await served.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Signing_out_over_the_API_without_a_body_needs_the_dashboard_header()
    {
        using var admin = await AdminAsync();
        const string signOut = "/api/v1/accounts/sign-out";

        using var bare = await admin.PostAsync(new Uri(signOut, UriKind.Relative), null);
        using var stillSignedIn = await admin.GetAsync(new Uri("/api/v1/accounts/me", UriKind.Relative));
        using var signedOut = await DashboardRequest.SendAsync(admin, HttpMethod.Post, signOut);

        await AssertRefusedAsync(bare, HttpStatusCode.UnsupportedMediaType, "Content-Type");
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
    }

    [Fact]
    public async Task A_device_heartbeat_needs_no_body_and_no_header_besides_its_key()
    {
        using var device = fixture.CreateClient();
        var (id, apiKey) = await DeviceRegistration.RegisterDeviceAsync(device);
        using var heartbeat = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/devices/{id}/heartbeat", UriKind.Relative));
        heartbeat.Headers.Add("X-Api-Key", apiKey);

        using var response = await device.SendAsync(heartbeat);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private async Task<HttpClient> AdminAsync()
    {
        var client = fixture.CreateClient();
        await SignIn.AsAdminAsync(client);
        return client;
    }

    private static HttpRequestMessage RegisterRequest(string name) =>
        new(HttpMethod.Post, new Uri("/api/v1/devices", UriKind.Relative))
        {
            Content = new StringContent(DeviceRegistration.Body(name: name), System.Text.Encoding.UTF8, "application/json"),
        };

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string header)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(header, problem.GetProperty("header").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }
}
