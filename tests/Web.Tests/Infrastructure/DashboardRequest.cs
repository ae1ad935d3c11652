using EdgeControl.Web.Api;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// A state change without a body (stop a run, revoke a device, sign out) sent the way the dashboard sends it: with its
/// X-Requested-With header, without which a request carrying the session cookie is refused (415, CrossSiteRequestGuard).
/// </summary>
internal static class DashboardRequest
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add(CrossSiteRequestGuard.RequestedWithHeader, CrossSiteRequestGuard.RequestedWithValue);
        return await client.SendAsync(request);
    }
}
