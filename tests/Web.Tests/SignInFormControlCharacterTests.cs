using System.Net;
using EdgeControl.Web.Api;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace EdgeControl.Web.Tests;

/// <summary>The dashboard's sign-in form posted by hand (as a browser would, with its antiforgery token): a control character is a message on the form or a 400, never a 500.</summary>
[Collection(RealSocketAppDefinition.Name)]
public sealed class SignInFormControlCharacterTests(RealSocketAppFixture fixture)
{
    private readonly int _logMark = fixture.Logs.Mark();

    private static readonly Uri Login = new("/account/login", UriKind.Relative);

    [Theory]
    [InlineData("ad\u0001min", SignIn.AdminPassword)]
    [InlineData("admin\u001b", SignIn.AdminPassword)]
    [InlineData(SignIn.AdminUserName, "pass\u007fword-of-admin")]
    [InlineData(SignIn.AdminUserName, "pass\u0085word-of-admin")]
    public async Task A_control_character_in_the_sign_in_form_is_shown_as_a_validation_message(string userName, string password)
    {
        using var client = fixture.CreateClient();

        using var response = await PostFormAsync(client, Login, userName, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(TextField.ControlCharacters, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Logs.Since(_logMark), e => e.Level >= LogLevel.Error);
    }

    /// <summary>
    /// ASP.NET Core's form reader itself refuses a NUL ("The form value contains invalid characters"), before the
    /// page runs; the antiforgery check that reads the form first then answers 400 (its text speaks of the token).
    /// </summary>
    [Theory]
    [InlineData("ad\0min", SignIn.AdminPassword)]
    [InlineData(SignIn.AdminUserName, "pass\0word-of-admin")]
    public async Task A_NUL_in_the_sign_in_form_is_refused_with_400_not_500(string userName, string password)
    {
        using var client = fixture.CreateClient();

        using var response = await PostFormAsync(client, Login, userName, password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(fixture.Logs.Since(_logMark), e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_return_url_with_a_control_character_sends_the_signed_in_user_home()
    {
        using var client = fixture.CreateClient();

        using var response = await PostFormAsync(client, new Uri("/account/login?ReturnUrl=%2Ftraining%00x", UriKind.Relative), SignIn.AdminUserName, SignIn.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString);
        Assert.DoesNotContain(fixture.Logs.Since(_logMark), e => e.Level >= LogLevel.Error);
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, Uri target, string userName, string password) =>
        AntiforgeryForm.PostAsync(client, Login, target, new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
}
