using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests;

/// <summary>
/// Every 4xx the app writes itself is RFC 9457 problem details: empty-bodied statuses of routing (404, 405) through the
/// status-code pages, a missing antiforgery token through the antiforgery refusal. The two Kestrel answers before the
/// pipeline (an oversized header, a NUL in the path) are pinned here too: the README says the app cannot shape them.
/// </summary>
[Collection(RealSocketAppDefinition.Name)]
public sealed partial class ProblemDetailsTests(RealSocketAppFixture fixture)
{
    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    public async Task An_unknown_api_path_is_404_problem_details(string? accept)
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/no-such-resource", UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.Add("Accept", accept);
        }

        using var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_method_an_api_path_does_not_take_is_405_problem_details()
    {
        using var client = fixture.CreateClient();

        using var response = await client.PutAsJsonAsync(new Uri("/api/v1/topology", UriKind.Relative), new { });

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_sign_in_form_post_without_its_antiforgery_token_is_400_problem_details_naming_the_token()
    {
        using var client = fixture.CreateClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.UserName"] = SignIn.AdminUserName,
            ["Input.Password"] = SignIn.AdminPassword,
        });

        using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), form);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("__RequestVerificationToken", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_dashboard_logout_without_its_antiforgery_token_is_400_problem_details_and_signs_nobody_out()
    {
        using var admin = fixture.CreateClient();
        await SignIn.AsAdminAsync(admin);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>());

        using var response = await admin.PostAsync(new Uri("/account/logout", UriKind.Relative), form);
        using var me = await admin.GetAsync(new Uri("/api/v1/accounts/me", UriKind.Relative));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("__RequestVerificationToken", problem.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    /// <summary>
    /// Kestrel writes these before any middleware runs (no hook exists for them), so status-code pages never see them.
    /// If this starts failing, Kestrel changed: shape them, and update the README's "What the app cannot shape".
    /// </summary>
    [Theory]
    [InlineData("oversized header", 431)]
    [InlineData("NUL in the path", 400)]
    public async Task Kestrel_itself_answers_an_oversized_header_and_a_NUL_in_the_path_with_an_empty_body(string fault, int status)
    {
        var request = fault == "oversized header"
            ? $"GET /api/v1/topology HTTP/1.1\r\nHost: localhost\r\nX-Padding: {new string('a', 40 * 1024)}\r\n\r\n"
            : "GET /api/v1/%00 HTTP/1.1\r\nHost: localhost\r\n\r\n";
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(fixture.Address.Host, fixture.Address.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None);

        var answer = await RawSocket.ReadUntilClosedAsync(socket, Eventually.Patience);

        Assert.StartsWith($"HTTP/1.1 {status} ", answer, StringComparison.Ordinal);
        Assert.Matches(ContentLengthZero(), answer);
        Assert.EndsWith("\r\n\r\n", answer, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    [GeneratedRegex(@"\r\nContent-Length: 0\r\n", RegexOptions.IgnoreCase)]
    private static partial Regex ContentLengthZero();
}
