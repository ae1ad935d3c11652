using System.Globalization;
using System.Security.Claims;

namespace EdgeControl.Web.Devices;

/// <summary>The claims a device's principal carries (scheme <see cref="DeviceKeyAuthentication.SchemeName"/>): whose key it presented, and which key.</summary>
internal static class DeviceClaims
{
    public const string NodeId = "edgecontrol:node_id";

    public const string KeyId = "edgecontrol:key_id";

    /// <summary>The node's tier: <c>device</c> for devices, <c>edge</c> or <c>cloud</c> for workers; the policies tell them apart.</summary>
    public const string Tier = "edgecontrol:tier";

    public static ClaimsPrincipal Principal(DeviceKeyOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(NodeId, owner.NodeId.ToString(), ClaimValueTypes.String),
                new Claim(KeyId, owner.KeyId.ToString(), ClaimValueTypes.String),
                new Claim(Tier, owner.Tier, ClaimValueTypes.String),
            ],
            DeviceKeyAuthentication.SchemeName));
    }

    /// <summary>The device <paramref name="user"/> authenticated as; only reached behind the device policy, so its absence is a bug.</summary>
    public static Guid NodeIdOf(ClaimsPrincipal? user) => Guid.Parse(Required(user, NodeId), CultureInfo.InvariantCulture);

    public static Guid KeyIdOf(ClaimsPrincipal? user) => Guid.Parse(Required(user, KeyId), CultureInfo.InvariantCulture);

    private static string Required(ClaimsPrincipal? user, string claim) =>
        user?.FindFirst(claim)?.Value
        ?? throw new InvalidOperationException($"The request was not authenticated with a device key (no {claim} claim): the endpoint lacks .RequireAuthorization({nameof(DeviceKeyAuthentication)}.{nameof(DeviceKeyAuthentication.PolicyName)}).");
}
