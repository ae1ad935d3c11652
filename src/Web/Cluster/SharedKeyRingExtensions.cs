using EdgeControl.Data;
using Microsoft.AspNetCore.DataProtection;

namespace EdgeControl.Web.Cluster;

internal static class SharedKeyRingExtensions
{
    /// <summary>The application name in every protected payload: instances sharing the key ring must share it too.</summary>
    public const string ApplicationName = "EdgeControl";

    /// <summary>
    /// The Data Protection key ring (which signs and encrypts the sign-in cookie, antiforgery tokens and Blazor's
    /// circuit state) in the database every instance shares (<c>data_protection_keys</c>), so what one instance issues
    /// another accepts. One instance uses it the same way, and its keys survive a new container.
    /// </summary>
    public static void AddSharedKeyRing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection()
            .PersistKeysToDbContext<EdgeControlDbContext>()
            .SetApplicationName(ApplicationName);
        // After the migrator (AddDatabase), before anything protects data: hosted services start in order.
        builder.Services.AddHostedService<SharedKeyRingInitializer>();
    }
}
