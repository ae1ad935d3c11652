using System.Net;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Tests;

/// <summary>
/// Behind a load balancer a browser's requests reach either instance: what one instance protects with Data Protection
/// (the sign-in cookie, antiforgery tokens) the other reads, because both keep the key ring in their database.
/// </summary>
[Collection(TwoInstancesDefinition.Name)]
public sealed class TwoInstanceCookieTests(TwoInstancesFixture fixture)
{
    private const string CookieName = "EdgeControl.Auth";

    [Fact]
    public async Task A_sign_in_cookie_issued_by_A_is_accepted_by_B()
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = fixture.AddressOfA };
        await SignIn.AsAdminAsync(client);
        var cookie = cookies.GetCookies(fixture.AddressOfA)[CookieName]?.Value ?? throw new InvalidOperationException("A set no session cookie");

        Assert.Equal(HttpStatusCode.OK, await MeWithCookieAsync(fixture.AddressOfB, cookie));
        // Protected with a key of the database's ring, not of a key directory both instances happen to share on this
        // machine (both run in this process, under one home directory).
        var keys = await Eventually.QueryAsync(fixture.A, db => db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync());
        Assert.Contains($"key-{KeyIdOf(cookie):D}", keys);
    }

    [Fact]
    public async Task A_dashboard_form_read_from_A_is_accepted_when_posted_to_B_and_its_sign_out_ends_the_session_on_A_too()
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.AddressOfA };
        await SignIn.AsAdminAsync(client);
        var cookie = cookies.GetCookies(fixture.AddressOfA)[CookieName]!.Value;

        // The page and its antiforgery cookie come from A; the form goes to B (cookies are per host, not per port).
        using var signedOut = await AntiforgeryForm.PostAsync(
            client, new Uri(fixture.AddressOfA, "/"), new Uri(fixture.AddressOfB, "/account/logout"), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithCookieAsync(fixture.AddressOfA, cookie));
    }

    /// <summary>The id of the key that protected <paramref name="cookie"/>: a protected payload starts with a 4-byte magic header and the key's id.</summary>
    private static Guid KeyIdOf(string cookie) => new(WebEncoders.Base64UrlDecode(cookie).AsSpan(4, 16));

    /// <summary>GET /me on <paramref name="instance"/> with exactly <paramref name="cookie"/>.</summary>
    private static async Task<HttpStatusCode> MeWithCookieAsync(Uri instance, string cookie)
    {
        using var replay = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = instance };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/accounts/me", UriKind.Relative));
        request.Headers.Add("Cookie", $"{CookieName}={cookie}");
        using var response = await replay.SendAsync(request);
        return response.StatusCode;
    }
}
