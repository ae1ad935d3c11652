using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests;

/// <summary>What a sign-in tells a caller who does not know the password: nothing about which names exist, and no way to lock an account.</summary>
[Collection(RealSocketAppDefinition.Name)]
public sealed class SignInTests(RealSocketAppFixture fixture)
{
    private static readonly Uri SignInUri = new("/api/v1/accounts/sign-in", UriKind.Relative);

    [Fact]
    public async Task An_unknown_name_and_a_wrong_password_get_the_same_status_and_body()
    {
        using var client = fixture.CreateClient();

        var (knownStatus, known) = await SignInAsync(client, SignIn.AdminUserName, "not-the-password-1");
        var (unknownStatus, unknown) = await SignInAsync(client, $"nobody-{Guid.NewGuid():N}", "not-the-password-1");

        Assert.Equal(HttpStatusCode.Unauthorized, knownStatus);
        Assert.Equal(knownStatus, unknownStatus);
        Assert.Equal(WithoutTraceId(known), WithoutTraceId(unknown));
    }

    [Fact]
    public async Task An_unknown_name_takes_about_as_long_as_a_known_name_with_a_wrong_password()
    {
        using var client = fixture.CreateClient();
        var known = new List<double>();
        var unknown = new List<double>();
        // Interleaved, so whatever else the machine does slows both alike.
        for (var i = 0; i < 9; i++)
        {
            known.Add(await TimeAsync(() => SignInAsync(client, SignIn.AdminUserName, "not-the-password-1")));
            unknown.Add(await TimeAsync(() => SignInAsync(client, $"nobody-{Guid.NewGuid():N}", "not-the-password-1")));
        }

        // Before, an unknown name answered in 3.9 ms and a known one in 70.5 ms (the password hash): 18 times apart.
        var ratio = Median(unknown) / Median(known);
        Assert.True(ratio is > 1 / 3.0 and < 3, $"unknown {Median(unknown):0.0} ms, known {Median(known):0.0} ms (medians of 9)");
    }

    [Fact]
    public async Task Wrong_passwords_no_longer_lock_the_account()
    {
        using var owner = fixture.CreateClient();
        var name = await SignIn.AsNewOperatorAsync(fixture.App.Services, owner);
        using var guesser = fixture.CreateClient();
        var answered = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            answered.Add((await SignInAsync(guesser, name, $"guess-number-{i}-of-ten")).Status);
        }

        using var signedIn = await owner.PostAsJsonAsync(SignInUri, new { userName = name, password = SignIn.OperatorPassword });

        Assert.All(answered, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SignInAsync(HttpClient client, string userName, string password)
    {
        using var response = await client.PostAsJsonAsync(SignInUri, new { userName, password });
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>Every member but <c>traceId</c>, which differs per request by design.</summary>
    private static string WithoutTraceId(JsonElement problem) =>
        string.Join("\n", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value.GetRawText()}"));

    private static async Task<double> TimeAsync(Func<Task> signIn)
    {
        var watch = Stopwatch.StartNew();
        await signIn();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
