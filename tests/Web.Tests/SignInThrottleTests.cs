using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

/// <summary>
/// Sign-ins with the default limits (10 per client address, 5 per user name, per minute) on real Kestrel, each test
/// from loopback addresses of its own so their windows do not mix.
/// </summary>
public sealed class SignInThrottleTests(SignInThrottleTests.App app) : IClassFixture<SignInThrottleTests.App>
{
    private static readonly Uri SignInUri = new("/api/v1/accounts/sign-in", UriKind.Relative);

    [Fact]
    public async Task The_eleventh_sign_in_from_one_address_within_a_minute_is_429_with_retry_after_and_another_address_still_gets_through()
    {
        using var client = app.ClientFrom("127.0.0.11");
        using var other = app.ClientFrom("127.0.0.12");
        var answered = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            answered.Add(await SignInAsync(client, $"nobody-{Guid.NewGuid():N}", "not-the-password-1"));
        }

        using var refused = await client.PostAsJsonAsync(SignInUri, new { userName = $"nobody-{Guid.NewGuid():N}", password = "not-the-password-1" });

        Assert.All(answered, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        await AssertTooManyAsync(refused);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(other, $"nobody-{Guid.NewGuid():N}", "not-the-password-1"));
    }

    [Fact]
    public async Task The_sixth_sign_in_for_one_name_within_a_minute_is_429_from_any_address_even_with_the_right_password()
    {
        var name = await app.NewOperatorAsync();
        var answered = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var guesser = app.ClientFrom($"127.0.0.{21 + i}");
            answered.Add(await SignInAsync(guesser, name, "not-the-password-1"));
        }

        using var owner = app.ClientFrom("127.0.0.26");
        using var refused = await owner.PostAsJsonAsync(SignInUri, new { userName = name.ToUpperInvariant(), password = SignIn.OperatorPassword });

        Assert.All(answered, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        await AssertTooManyAsync(refused);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(owner, SignIn.AdminUserName, SignIn.AdminPassword));
    }

    [Fact]
    public async Task The_sign_in_form_answers_429_with_retry_after_past_the_same_limit()
    {
        using var client = app.ClientFrom("127.0.0.31");
        var answered = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await PostFormAsync(client, $"nobody-{Guid.NewGuid():N}");
            answered.Add(response.StatusCode);
        }

        using var refused = await PostFormAsync(client, $"nobody-{Guid.NewGuid():N}");

        Assert.All(answered, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Contains("sign-in attempts per minute are accepted from one client address", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Accounts:SignInsPerMinutePerClient")]
    [InlineData("Accounts:SignInsPerMinutePerName")]
    public async Task A_limit_of_zero_stops_start_up_naming_the_setting(string setting)
    {
        await using var invalid = new EdgeControlAppFactory("Host=127.0.0.1;Database=never-opened", settings: new Dictionary<string, string?> { [setting] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => invalid.Server);

        Assert.StartsWith($"{setting} must be a whole number greater than 0", error.Message, StringComparison.Ordinal);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage refused)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("try again in", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> SignInAsync(HttpClient client, string userName, string password)
    {
        using var response = await client.PostAsJsonAsync(SignInUri, new { userName, password });
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string userName)
    {
        var login = new Uri("/account/login", UriKind.Relative);
        return AntiforgeryForm.PostAsync(client, login, login, new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.UserName"] = userName,
            ["Input.Password"] = "not-the-password-1",
        });
    }

    /// <summary>The app with the shipped sign-in limits, on a real socket (the limit is per client address).</summary>
    public sealed class App : IAsyncLifetime
    {
        private string _connectionString = string.Empty;
        private EdgeControlAppFactory Factory { get; set; } = null!;
        private Uri _address = null!;

        public async Task InitializeAsync()
        {
            _connectionString = await PostgresServer.CreateDatabaseAsync();
            Factory = new EdgeControlAppFactory(_connectionString, settings: new Dictionary<string, string?>
            {
                ["Accounts:SignInsPerMinutePerClient"] = "10",
                ["Accounts:SignInsPerMinutePerName"] = "5",
            });
            _address = Factory.ServeOnLoopback();
        }

        public HttpClient ClientFrom(string address) => LoopbackClient.From(_address, IPAddress.Parse(address));

        /// <summary>A new operator account (created directly, not signed in: that would count).</summary>
        public async Task<string> NewOperatorAsync()
        {
            var name = $"operator-{Guid.NewGuid():N}";
            await using var scope = Factory.Services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
            var account = new Microsoft.AspNetCore.Identity.IdentityUser(name);
            Assert.True((await accounts.CreateAsync(account, SignIn.OperatorPassword)).Succeeded);
            Assert.True((await accounts.AddToRoleAsync(account, "Operator")).Succeeded);
            return name;
        }

        public async Task DisposeAsync()
        {
            await Factory.DisposeAsync();
            await PostgresServer.DropDatabaseAsync(_connectionString);
        }
    }
}
