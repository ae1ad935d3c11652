using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using EdgeControl.Data;
using EdgeControl.Web.Accounts.Sessions;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Tests;

/// <summary>Sessions live on the server: the cookie holds a session key, and signing out ends the session itself, not only the browser's copy.</summary>
[Collection(RealSocketAppDefinition.Name)]
public sealed class SessionTests(RealSocketAppFixture fixture)
{
    private const string CookieName = "EdgeControl.Auth";
    private static readonly Uri Me = new("/api/v1/accounts/me", UriKind.Relative);
    private static readonly Uri SignOut = new("/api/v1/accounts/sign-out", UriKind.Relative);

    [Fact]
    public async Task After_signing_out_over_rest_a_copy_of_the_old_cookie_gets_401_at_once()
    {
        var (client, cookies) = NewClient();
        using var _ = client;
        await SignIn.AsNewOperatorAsync(fixture.App.Services, client);
        var copy = CookieOf(cookies);
        Assert.Equal(HttpStatusCode.OK, await MeWithCookieAsync(copy));

        using var signedOut = await client.PostAsJsonAsync(SignOut, new { });

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithCookieAsync(copy));
    }

    [Fact]
    public async Task After_the_dashboards_sign_out_a_copy_of_the_old_cookie_gets_401_at_once()
    {
        var (client, cookies) = NewClient();
        using var _ = client;
        await SignIn.AsNewOperatorAsync(fixture.App.Services, client);
        var copy = CookieOf(cookies);

        using var signedOut = await AntiforgeryForm.PostAsync(
            client, new Uri("/", UriKind.Relative), new Uri("/account/logout", UriKind.Relative), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithCookieAsync(copy));
    }

    [Fact]
    public async Task A_sign_in_stores_one_session_row_for_the_account_and_signing_out_deletes_it()
    {
        var (client, _) = NewClient();
        using var __ = client;
        var name = await SignIn.AsNewOperatorAsync(fixture.App.Services, client);
        var accountId = await AccountIdAsync(name);
        var before = await SessionsOfAsync(accountId);

        using var signedOut = await client.PostAsJsonAsync(SignOut, new { });

        Assert.Equal(1, before);
        Assert.Equal(0, await SessionsOfAsync(accountId));
    }

    [Fact]
    public async Task Signing_in_over_another_accounts_session_ends_that_session_and_asks_to_sign_in_again()
    {
        var (client, cookies) = NewClient();
        using var _ = client;
        await SignIn.AsNewOperatorAsync(fixture.App.Services, client);
        var first = CookieOf(cookies);

        using var over = await client.PostAsJsonAsync(
            new Uri("/api/v1/accounts/sign-in", UriKind.Relative), new { userName = SignIn.AdminUserName, password = SignIn.AdminPassword });
        using var again = await client.PostAsJsonAsync(
            new Uri("/api/v1/accounts/sign-in", UriKind.Relative), new { userName = SignIn.AdminUserName, password = SignIn.AdminPassword });

        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        Assert.Equal("application/problem+json", over.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithCookieAsync(first));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var me = await client.GetFromJsonAsync<AccountSeen>(Me);
        Assert.Equal(SignIn.AdminUserName, me!.UserName);
    }

    [Fact]
    public async Task Signing_in_again_as_the_same_account_keeps_the_session_working()
    {
        var (client, _) = NewClient();
        using var __ = client;
        var name = await SignIn.AsNewOperatorAsync(fixture.App.Services, client);

        await SignIn.AsAsync(client, name, SignIn.OperatorPassword);

        Assert.Equal(name, (await client.GetFromJsonAsync<AccountSeen>(Me))!.UserName);
    }

    [Fact]
    public async Task Expired_sessions_are_pruned_and_live_ones_stay()
    {
        var (client, _) = NewClient();
        using var __ = client;
        var name = await SignIn.AsNewOperatorAsync(fixture.App.Services, client);
        var accountId = await AccountIdAsync(name);
        await Eventually.QueryAsync(fixture.App, async db =>
        {
            db.AccountSessions.Add(new AccountSessionEntity
            {
                Id = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
                AccountId = accountId,
                Ticket = [1],
                ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            });
            return await db.SaveChangesAsync();
        });

        var pruned = await fixture.App.Services.GetRequiredService<ExpiredSessionPruning>().PruneAsync(CancellationToken.None);

        Assert.True(pruned >= 1, $"pruned {pruned}");
        Assert.Equal(1, await SessionsOfAsync(accountId));
        using var me = await client.GetAsync(Me);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Identitys_periodic_principal_refresh_keeps_the_session_claim_a_live_dashboard_checks()
    {
        var options = fixture.App.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var current = new ClaimsPrincipal(new ClaimsIdentity([new Claim(AccountSessionStore.SessionClaimType, "AB12")], "Identity.Application"));
        var rebuilt = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone")], "Identity.Application"));

        await options.OnRefreshingPrincipal!(new SecurityStampRefreshingPrincipalContext { CurrentPrincipal = current, NewPrincipal = rebuilt });

        Assert.Equal("AB12", rebuilt.FindFirstValue(AccountSessionStore.SessionClaimType));
    }

    private (HttpClient Client, CookieContainer Cookies) NewClient()
    {
        var cookies = new CookieContainer();
        return (new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.Address }, cookies);
    }

    private string CookieOf(CookieContainer cookies) =>
        cookies.GetCookies(fixture.Address)[CookieName]?.Value ?? throw new InvalidOperationException("not signed in: no session cookie");

    /// <summary>GET /me with exactly <paramref name="cookie"/>, as someone replaying a copied cookie would.</summary>
    private async Task<HttpStatusCode> MeWithCookieAsync(string cookie)
    {
        using var replay = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = fixture.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, Me);
        request.Headers.Add("Cookie", $"{CookieName}={cookie}");
        using var response = await replay.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<string> AccountIdAsync(string name)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync(name))!.Id;
    }

    private Task<int> SessionsOfAsync(string accountId) =>
        Eventually.QueryAsync(fixture.App, db => db.AccountSessions.CountAsync(s => s.AccountId == accountId));

    private sealed record AccountSeen(string UserName);
}
