using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>Signs test clients in as the first admin (its password is set by <see cref="EdgeControlAppFactory"/>) or a new operator.</summary>
internal static class SignIn
{
    public const string AdminUserName = "admin";
    // Meets the password policy: 12+ characters, not containing the user name, not a common password.
    public const string AdminPassword = "test-first-account-password-1";
    public const string OperatorPassword = "test-operator-password-1";

    /// <summary>Signs <paramref name="client"/> in; its cookie container keeps the session for later requests.</summary>
    public static async Task AsAsync(HttpClient client, string userName, string password)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/accounts/sign-in", UriKind.Relative), new { userName, password });
        response.EnsureSuccessStatusCode();
    }

    public static Task AsAdminAsync(HttpClient client) => AsAsync(client, AdminUserName, AdminPassword);

    /// <summary>Creates an operator account directly through Identity and signs <paramref name="client"/> in with it.</summary>
    public static async Task<string> AsNewOperatorAsync(IServiceProvider services, HttpClient client)
    {
        var name = $"operator-{Guid.NewGuid():N}";
        await using (var scope = services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var account = new IdentityUser(name);
            Succeeded(await accounts.CreateAsync(account, OperatorPassword));
            Succeeded(await accounts.AddToRoleAsync(account, "Operator"));
        }

        await AsAsync(client, name, OperatorPassword);
        return name;
    }

    private static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
