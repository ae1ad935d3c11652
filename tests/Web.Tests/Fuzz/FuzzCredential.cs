namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// Who a fuzzed request is sent as: the headers it carries (a session cookie, a device key), set on each request
/// rather than kept in a cookie jar, so a fuzzed sign-in or sign-out cannot swap the session under the storm.
/// </summary>
internal sealed record FuzzCredential(string Name, IReadOnlyDictionary<string, string> Headers)
{
    public const string Anonymous = "anonymous";

    public const string Operator = "operator cookie";

    public const string Admin = "admin cookie";

    /// <summary>A device's key, and the registration token it registered with.</summary>
    public const string Device = "device key";

    public void ApplyTo(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
