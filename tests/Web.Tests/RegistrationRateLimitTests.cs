using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed class RegistrationRateLimitTests(MigratedAppFixture fixture)
{
    [Fact]
    public async Task The_registration_after_the_limit_within_a_minute_is_429_problem_details_with_retry_after()
    {
        await using var app = CreateApp(registrationsPerMinute: "3");
        using var client = app.CreateClient();
        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await DeviceRegistration.RegisterAsync(client, Device());
            allowed.Add(response.StatusCode);
        }

        using var refused = await DeviceRegistration.RegisterAsync(client, Device());

        Assert.All(allowed, status => Assert.Equal(HttpStatusCode.Created, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_default_limit_lets_30_registrations_through_and_refuses_the_31st()
    {
        await using var app = DeviceRegistration.CreateApp(fixture.ConnectionString);
        using var client = app.CreateClient();
        var created = 0;
        for (var i = 0; i < 30; i++)
        {
            using var response = await DeviceRegistration.RegisterAsync(client, Device());
            created += response.StatusCode == HttpStatusCode.Created ? 1 : 0;
        }

        using var refused = await DeviceRegistration.RegisterAsync(client, Device());

        Assert.Equal(30, created);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_admin_is_not_limited()
    {
        await using var app = CreateApp(registrationsPerMinute: "1");
        using var client = app.CreateClient();
        await SignIn.AsAdminAsync(client);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await DeviceRegistration.RegisterAsync(client, Device(), token: null);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Created, status));
    }

    [Fact]
    public async Task Other_device_endpoints_are_not_limited()
    {
        await using var app = CreateApp(registrationsPerMinute: "1");
        using var client = app.CreateClient();
        using var registered = await DeviceRegistration.RegisterAsync(client, Device());

        await SignIn.AsAdminAsync(client);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync(new Uri("/api/v1/devices", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void A_limit_that_is_not_positive_stops_start_up_naming_the_setting(string value)
    {
        using var app = CreateApp(registrationsPerMinute: value);

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Devices:RegistrationsPerMinute must be a whole number greater than 0", error.ToString(), StringComparison.Ordinal);
    }

    private EdgeControlAppFactory CreateApp(string registrationsPerMinute) => new(fixture.ConnectionString, settings: new Dictionary<string, string?>
    {
        ["Devices:RegistrationToken"] = DeviceRegistration.Token,
        ["Devices:RegistrationsPerMinute"] = registrationsPerMinute,
    });

    private static string Device() => DeviceRegistration.Body(DeviceRegistration.UniqueName(), "rpi4");
}
