namespace EdgeControl.Web.ApiReference;

/// <summary>
/// The security schemes an operation accepts (any one of them; none: anonymous), and whether the endpoint checks the
/// credential itself (and so states its own 401) rather than through an authorization policy.
/// </summary>
internal sealed record OperationCredentials(IReadOnlyList<string> Schemes, bool CheckedByEndpoint);
