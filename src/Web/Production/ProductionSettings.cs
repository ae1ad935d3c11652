using EdgeControl.Web.Devices;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Production;

/// <summary>
/// Settings that are fine on a developer's machine and unsafe in the Production environment: the first two stop
/// start-up, the third is warned about, each with one sentence naming the setting.
/// </summary>
internal static class ProductionSettings
{
    /// <summary>The token appsettings.Development.json sets: it is published with the source, so anyone could use it.</summary>
    public const string DevelopmentRegistrationToken = "dev-registration-token";

    public const string DevelopmentTokenRefused =
        $"Devices:RegistrationToken is the development token '{DevelopmentRegistrationToken}', which is published with the " +
        "source: in Production set a secret one (env Devices__RegistrationToken), or leave it empty so that only a " +
        "signed-in admin registers devices.";

    /// <summary>
    /// Production never prints a generated first-admin password: a container's or a service's console is a log stream
    /// (docker logs, journald), kept and read long after the moment.
    /// </summary>
    public const string EmptyAdminPasswordRefused =
        "Accounts:AdminPassword is empty and the database has no admin yet: in Production set it for the first start " +
        "(env Accounts__AdminPassword), since a generated password would only be printed into the log.";

    public static void AddProductionSettingsChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<DevicesOptions>, DevelopmentTokenRefusal>();
        builder.Services.AddHostedService<PlainHttpWarning>();
    }
}
