using System.Security.Cryptography;
using EdgeControl.Web.Accounts.Passwords;
using EdgeControl.Web.Production;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Accounts;

/// <summary>
/// Creates the roles and, on the first start, an admin account. Runs after the migrator (hosted services start in
/// registration order) and before the server accepts requests, so nobody can sign in to a database without an admin.
/// </summary>
internal sealed partial class FirstAdminSeeder(
    IServiceScopeFactory scopeFactory,
    IOptions<AccountsOptions> options,
    IHostEnvironment environment,
    ILogger<FirstAdminSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create the {role} role");
            }
        }

        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if ((await accounts.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        var configured = options.Value.AdminPassword;
        if (configured.Length == 0 && environment.IsProduction())
        {
            throw new InvalidOperationException(ProductionSettings.EmptyAdminPasswordRefused);
        }

        var password = configured.Length > 0 ? configured : GeneratePassword();
        var admin = new IdentityUser(options.Value.AdminUserName);
        Check(await accounts.CreateAsync(admin, password), $"create the first admin '{admin.UserName}' (Accounts:AdminPassword)");
        Check(await accounts.AddToRoleAsync(admin, Roles.Admin), "give the first admin the Admin role");

        if (configured.Length > 0)
        {
            LogAdminCreated(logger, admin.UserName!);
        }
        else
        {
            // Printed on the console once, not logged: log files outlive the moment and are read by more people.
            Console.WriteLine(
                $"EdgeControl: first admin account created. User name: {admin.UserName}  Password: {password}  " +
                "(shown only this once; set Accounts:AdminPassword to choose it on a fresh database)");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>20 characters without look-alikes (about 116 bits), drawn again in the unlikely case the policy refuses them.</summary>
    private string GeneratePassword()
    {
        string password;
        do
        {
            password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        }
        while (PasswordPolicy.Check(options.Value.AdminUserName, password).Count > 0);

        return password;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "First admin account {UserName} created with the configured password")]
    private static partial void LogAdminCreated(ILogger logger, string userName);
}
