using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeControl.Web.Accounts.Passwords;
using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests;

/// <summary>Passwords: at least 12 characters, not containing the user name, not a common password; for new accounts and the configured first admin.</summary>
[Collection(MigratedAppDefinition.Name)]
public sealed class PasswordPolicyTests(MigratedAppFixture fixture)
{
    private static readonly Uri Accounts = new("/api/v1/accounts", UriKind.Relative);

    [Theory]
    [InlineData("password1234", "common passwords")]
    [InlineData("aaaaaaaaaaaa", "common passwords")]
    [InlineData("Qwertyuiop123", "common passwords")]
    [InlineData("short-pass", "at least 12 characters")]
    public async Task A_new_account_with_a_weak_password_is_400_naming_password(string password, string because)
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString);
        using var admin = app.CreateClient();
        await SignIn.AsAdminAsync(admin);

        using var response = await admin.PostAsJsonAsync(Accounts, new { userName = $"op-{Guid.NewGuid():N}", password, role = "Operator" });

        await AssertRefusedAsync(response, because);
    }

    [Fact]
    public async Task A_password_containing_the_user_name_in_any_case_is_400_naming_password()
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString);
        using var admin = app.CreateClient();
        await SignIn.AsAdminAsync(admin);
        var name = $"carol{Guid.NewGuid():N}"[..12];

        using var response = await admin.PostAsJsonAsync(Accounts, new { userName = name, password = $"my {name.ToUpperInvariant()} passphrase", role = "Operator" });

        await AssertRefusedAsync(response, "must not contain the user name");
    }

    [Fact]
    public async Task A_configured_admin_password_that_breaks_the_policy_stops_start_up_with_one_sentence()
    {
        await using var app = new EdgeControlAppFactory(
            fixture.ConnectionString, settings: new Dictionary<string, string?> { ["Accounts:AdminPassword"] = "Administrator" });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Equal(
            "Accounts:AdminPassword does not meet the password policy (passwords must not contain the user name; passwords must " +
            "not be on the list of common passwords that attackers try first): choose another, or leave it empty to have one generated.",
            error.Message);
    }

    [Fact]
    public void The_shipped_common_password_list_is_read_and_compared_without_regard_to_case()
    {
        Assert.True(CommonPasswords.Count > 40_000, $"{CommonPasswords.Count} passwords");
        Assert.True(CommonPasswords.Contains("PASSWORD1234"));
        Assert.False(CommonPasswords.Contains(SignIn.AdminPassword));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string because)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Equal(["password"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains(errors.GetProperty("password").EnumerateArray(), e => e.GetString()!.Contains(because, StringComparison.Ordinal));
    }
}
