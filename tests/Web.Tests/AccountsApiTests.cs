using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeControl.Data;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests;

[Collection(MigratedAppDefinition.Name)]
public sealed class AccountsApiTests(MigratedAppFixture fixture)
{
    private static readonly Uri SignInUri = new("/api/v1/accounts/sign-in", UriKind.Relative);
    private static readonly Uri Me = new("/api/v1/accounts/me", UriKind.Relative);
    private static readonly Uri Accounts = new("/api/v1/accounts", UriKind.Relative);

    [Fact]
    public async Task The_first_start_creates_an_admin_with_the_configured_password()
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString);
        using var client = app.CreateClient();

        await SignIn.AsAdminAsync(client);
        var me = await client.GetFromJsonAsync<JsonElement>(Me);

        Assert.Equal(SignIn.AdminUserName, me.GetProperty("userName").GetString());
        Assert.Equal(["Admin"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Without_a_configured_password_the_first_admin_gets_a_generated_one()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using var app = new EdgeControlAppFactory(connectionString, settings: new Dictionary<string, string?> { ["Accounts:AdminPassword"] = "" });
            using var client = app.CreateClient();

            using var refused = await client.PostAsJsonAsync(SignInUri, new { userName = SignIn.AdminUserName, password = SignIn.AdminPassword });

            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            await using var scope = app.Services.CreateAsyncScope();
            var admins = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().GetUsersInRoleAsync("Admin");
            Assert.Equal(SignIn.AdminUserName, Assert.Single(admins).UserName);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task A_restart_keeps_the_one_admin()
    {
        await using (var first = new EdgeControlAppFactory(fixture.ConnectionString))
        {
            first.CreateClient().Dispose();
        }

        await using var second = new EdgeControlAppFactory(fixture.ConnectionString);
        second.CreateClient().Dispose();

        await using var scope = second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        Assert.Equal(1, await db.Users.CountAsync(u => u.UserName == SignIn.AdminUserName));
    }

    [Fact]
    public async Task A_wrong_password_is_401_problem_details_that_do_not_say_which_part_was_wrong()
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString);
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync(SignInUri, new { userName = SignIn.AdminUserName, password = "not-the-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("user name or the password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_without_a_password_is_400_naming_the_field()
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString);
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync(SignInUri, new { userName = SignIn.AdminUserName });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Anonymous_api_callers_get_401_problem_details_not_a_redirect()
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_admin_creates_an_operator_who_may_not_create_accounts()
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString);
        using var admin = app.CreateClient();
        await SignIn.AsAdminAsync(admin);
        var name = $"op-{Guid.NewGuid():N}";

        using var created = await admin.PostAsJsonAsync(Accounts, new { userName = name, password = SignIn.OperatorPassword, role = "Operator" });
        using var operatorClient = app.CreateClient();
        await SignIn.AsAsync(operatorClient, name, SignIn.OperatorPassword);
        using var forged = await operatorClient.PostAsJsonAsync(Accounts, new { userName = $"x-{name}", password = SignIn.OperatorPassword, role = "Admin" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    [Fact]
    public async Task Creating_an_account_with_an_unknown_role_is_400_naming_the_role()
    {
        await using var app = new EdgeControlAppFactory(fixture.ConnectionString);
        using var admin = app.CreateClient();
        await SignIn.AsAdminAsync(admin);

        using var response = await admin.PostAsJsonAsync(Accounts, new { userName = $"op-{Guid.NewGuid():N}", password = SignIn.OperatorPassword, role = "Root" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
    }
}
