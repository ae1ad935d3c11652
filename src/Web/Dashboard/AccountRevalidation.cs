using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using System.Security.Claims;

namespace EdgeControl.Web.Dashboard;

/// <summary>
/// A circuit outlives the request that opened it: every few minutes it checks the account still exists with the
/// same security stamp (password, roles), so a removed or demoted account loses the live dashboard too.
/// </summary>
internal sealed class AccountRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await StampMatchesAsync(accounts, authenticationState.User);
    }

    private async Task<bool> StampMatchesAsync(UserManager<IdentityUser> accounts, ClaimsPrincipal principal)
    {
        var account = await accounts.GetUserAsync(principal);
        if (account is null)
        {
            return false;
        }

        if (!accounts.SupportsUserSecurityStamp)
        {
            return true;
        }

        var stamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await accounts.GetSecurityStampAsync(account);
    }
}
