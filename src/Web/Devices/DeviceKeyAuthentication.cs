using EdgeControl.Data;
using Microsoft.AspNetCore.Authentication;

namespace EdgeControl.Web.Devices;

/// <summary>
/// How devices authenticate: one scheme (<see cref="DeviceKeyHandler"/>) for every device endpoint and the device hub,
/// reached through one policy. It is not the default scheme: the dashboard and the accounts API stay on the cookie.
/// </summary>
internal static class DeviceKeyAuthentication
{
    public const string SchemeName = "DeviceKey";

    /// <summary>The policy device endpoints require: a request authenticated by <see cref="SchemeName"/>.</summary>
    public const string PolicyName = "Device";

    /// <summary>The policy of the worker hub: a key of a worker (an edge or cloud node); a device's key gets 403 there, and a worker's on every device endpoint.</summary>
    public const string WorkerPolicyName = "Worker";

    public static void AddDeviceKeyAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<VerifiedDeviceKeys>();
        builder.Services.AddScoped<DeviceKeyLookup>();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DeviceKeyHandler>(SchemeName, configureOptions: null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(DeviceClaims.NodeId)
            .RequireClaim(DeviceClaims.Tier, NodeTiers.Device))
            .AddPolicy(WorkerPolicyName, policy => policy
                .AddAuthenticationSchemes(SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(DeviceClaims.NodeId)
                .RequireClaim(DeviceClaims.Tier, NodeTiers.Edge, NodeTiers.Cloud));
    }
}
