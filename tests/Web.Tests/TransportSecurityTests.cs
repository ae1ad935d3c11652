using System.Net;
using System.Net.Http.Json;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>
/// HTTPS, directly or through a TLS-terminating proxy: Secure cookies whenever the request came over HTTPS, HSTS
/// outside Development, and X-Forwarded-* believed only from a configured proxy.
/// </summary>
[Collection(MigratedAppDefinition.Name)]
public sealed class TransportSecurityTests(MigratedAppFixture fixture)
{
    [Theory]
    [InlineData("https://localhost", true)]
    [InlineData("http://localhost", false)]
    public async Task The_session_and_antiforgery_cookies_are_Secure_exactly_when_the_request_came_over_HTTPS(string baseAddress, bool secure)
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), HandleCookies = false });

        using var signIn = await client.PostAsJsonAsync(
            new Uri("/api/v1/accounts/sign-in", UriKind.Relative), new { userName = SignIn.AdminUserName, password = SignIn.AdminPassword });
        using var loginPage = await client.GetAsync(new Uri("/account/login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(secure, IsSecure(Cookie(signIn, "EdgeControl.Auth=")));
        Assert.Equal(secure, IsSecure(Cookie(loginPage, ".AspNetCore.Antiforgery.")));
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Development", false)]
    public async Task HSTS_is_sent_over_HTTPS_outside_Development(string environment, bool hsts)
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString);
        await using var hosted = app.WithWebHostBuilder(web => web.UseEnvironment(environment));
        // Not localhost: the framework never sends HSTS to loopback names.
        using var client = hosted.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://edge.example") });

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(hsts, response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_forged_X_Forwarded_For_from_a_client_that_is_no_known_proxy_does_not_escape_the_registration_limit()
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString, settings: Settings(knownProxy: "10.1.2.3"));
        using var client = StartOnLoopback(app);

        using var first = await RegisterAsync(client, forwardedFor: "203.0.113.1");
        using var second = await RegisterAsync(client, forwardedFor: "203.0.113.2");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    [Fact]
    public async Task Behind_a_known_proxy_the_forwarded_client_address_and_HTTPS_are_believed()
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString, settings: Settings(knownProxy: "127.0.0.1"));
        using var client = StartOnLoopback(app);

        using var first = await RegisterAsync(client, forwardedFor: "203.0.113.1");
        using var second = await RegisterAsync(client, forwardedFor: "203.0.113.2");
        using var signIn = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/accounts/sign-in", UriKind.Relative))
        {
            Content = JsonContent.Create(new { userName = SignIn.AdminUserName, password = SignIn.AdminPassword }),
        };
        signIn.Headers.Add("X-Forwarded-Proto", "https");
        using var signedIn = await client.SendAsync(signIn);

        // Two clients behind one proxy: each has its own limit.
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.True(IsSecure(Cookie(signedIn, "EdgeControl.Auth=")));
    }

    [Theory]
    [InlineData("ReverseProxy:KnownProxies:0", "proxy.internal", "is not an IP address")]
    [InlineData("ReverseProxy:KnownNetworks:0", "10.0.0.0/33", "is not a network in CIDR notation")]
    public async Task A_proxy_setting_that_does_not_parse_stops_start_up_naming_it(string key, string value, string reason)
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString, settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains($"{key} '{value}' {reason}", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(string knownProxy) => new()
    {
        ["Devices:RegistrationToken"] = DeviceRegistration.Token,
        ["Devices:RegistrationsPerMinute"] = "1",
        ["ReverseProxy:KnownProxies:0"] = knownProxy,
    };

    /// <summary>Real Kestrel: the forwarded-headers rule is about the connection's remote address, which TestServer has none of.</summary>
    private static HttpClient StartOnLoopback(EdgeControlAppFactory app)
    {
        return new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = app.ServeOnLoopback() };
    }

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/devices", UriKind.Relative))
        {
            Content = new StringContent(DeviceRegistration.Body(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Registration-Token", DeviceRegistration.Token);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    private static string Cookie(HttpResponseMessage response, string prefix) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(prefix, StringComparison.Ordinal)) is { } cookie
            ? cookie
            : throw new Xunit.Sdk.XunitException($"no Set-Cookie starting with {prefix} in the answer ({(int)response.StatusCode})");

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';').Any(attribute => attribute.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
}
