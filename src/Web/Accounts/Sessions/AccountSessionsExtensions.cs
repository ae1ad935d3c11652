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
        // A singleton first, then the same instance as hosted service, so a sweep can also be run on demand.
        services.AddSingleton<ExpiredSessionPruning>();
        services.AddHostedService(provider => provider.GetRequiredService<ExpiredSessionPruning>());
    }
}
