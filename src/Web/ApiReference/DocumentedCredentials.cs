namespace EdgeControl.Web.ApiReference;

/// <summary>
/// Endpoint metadata for an endpoint that checks its credential itself rather than through an authorization policy
/// (device registration: the registration token, or a signed-in admin): the security schemes it accepts, any one of them.
/// </summary>
internal sealed record DocumentedCredentials(IReadOnlyList<string> Schemes);
