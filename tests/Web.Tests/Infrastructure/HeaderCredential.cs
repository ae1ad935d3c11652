using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// An <c>apiKey</c> security scheme of the OpenAPI document (in: header) as a Kiota client takes it: every request gets
/// <paramref name="header"/>. Kiota's own ApiKeyAuthenticationProvider sends keys over HTTPS only, and the test app
/// listens on plain HTTP on loopback.
/// </summary>
internal sealed class HeaderCredential(string header, string value) : IAuthenticationProvider
{
    public Task AuthenticateRequestAsync(
        RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.TryAdd(header, value);
        return Task.CompletedTask;
    }
}
