using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeControl.Web.Accounts.Sessions;

internal static class AccountSessionsExtensions
{
    /// <summary>Server-side sessions for the Identity application cookie, and the sweep that prunes expired ones.</summary>
    public static void AddAccountSessions(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AccountSessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<AccountSessionStore>((cookie, sessions) => cookie.SessionStore = sessions);
        // Identity rebuilds the principal from the account every 30 minutes (its security-stamp check); the rebuilt
        // one must still name its session, or a dashboard opened by that request would fail its session check.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = KeepSessionClaim);
        // A singleton first, then the same instance as hosted service, so a sweep can also be run on demand.
        services.AddSingleton<ExpiredSessionPruning>();
        services.AddHostedService(provider => provider.GetRequiredService<ExpiredSessionPruning>());
    }

    private static Task KeepSessionClaim(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(AccountSessionStore.SessionClaimType) is { } session
            && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && !identity.HasClaim(c => c.Type == AccountSessionStore.SessionClaimType))
        {
            identity.AddClaim(new Claim(session.Type, session.Value));
        }

        return Task.CompletedTask;
    }
}
