using EdgeControl.Protocol;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace EdgeControl.Web.Api;

/// <summary>
/// Refuses state-changing requests (every method but GET, HEAD, OPTIONS and TRACE) another site could have made a
/// browser send. SameSite=Strict keeps the session cookie off cross-site requests, but not off requests from a sibling
/// subdomain (same site, other origin), and browsers older than it ignore it. So, before authentication:
/// <list type="number">
/// <item>Every path: an <c>Origin</c> other than this request's own scheme://host[:port] (<c>null</c> included), or
/// <c>Sec-Fetch-Site: cross-site</c> / <c>same-site</c>, is 403. Current browsers send both on every unsafe request and a
/// page cannot forge them; non-browser clients (devices, curl) send neither and are not affected.</item>
/// <item>Under <c>/api</c>: a body must be <c>Content-Type: application/json</c>, and a request without a body that
/// carries cookies must carry <see cref="RequestedWithHeader"/> (the dashboard) or the device key header instead.
/// Neither is something an HTML form or a "simple" cross-origin fetch can send: a browser must ask first (CORS
/// preflight), and this app allows no other origin. Anything else is 415. A bodyless request without cookies rides
/// on no ambient credential, so its endpoint answers it (a heartbeat without its key: 401).</item>
/// </list>
/// </summary>
internal sealed class CrossSiteRequestGuard(RequestDelegate next)
{
    /// <summary>The header the dashboard sends with bodyless API calls (wwwroot/dashboard.js).</summary>
    public const string RequestedWithHeader = "X-Requested-With";

    public const string RequestedWithValue = "EdgeControl";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return next(context);
        }

        if (FromAnotherOrigin(request) is { } header)
        {
            return Refusal.WriteAsync(
                context,
                StatusCodes.Status403Forbidden,
                "Cross-site request refused",
                $"A state-changing request must come from this site ({OwnOrigin(request)}); the {header} header says it did not.",
                ("header", header));
        }

        if (request.Path.StartsWithSegments("/api") && !IsJsonOrMarked(context))
        {
            return Refusal.WriteAsync(
                context,
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type",
                $"Send the body as Content-Type: application/json; a request with cookies and without a body sends "
                + $"{RequestedWithHeader}: {RequestedWithValue} (or a device's {DeviceHubContract.ApiKeyHeader}) instead.",
                ("header", HeaderNames.ContentType));
        }

        return next(context);
    }

    /// <summary>The header that shows the request was started by a page of another origin, or null.</summary>
    private static string? FromAnotherOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin;
        if (origin.Count > 0 && !string.Equals(origin.ToString(), OwnOrigin(request), StringComparison.OrdinalIgnoreCase))
        {
            return HeaderNames.Origin;
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site is "cross-site" or "same-site" ? "Sec-Fetch-Site" : null;
    }

    /// <summary>
    /// As a browser writes it in <c>Origin</c> (default ports left out, as in <c>Host</c>). Behind a TLS-terminating
    /// proxy the scheme is right only when the proxy is a configured known proxy (X-Forwarded-Proto).
    /// </summary>
    private static string OwnOrigin(HttpRequest request) => $"{request.Scheme}://{request.Host.Value}";

    private static bool IsJsonOrMarked(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentType is { Length: > 0 } contentType)
        {
            return MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
                && mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
        }

        // A body without a Content-Type is refused even with the header: the rule is that a body is declared JSON.
        var hasBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0;
        return !hasBody
            && (request.Headers.Cookie.Count == 0
                || request.Headers[RequestedWithHeader].ToString() == RequestedWithValue
                || request.Headers.ContainsKey(DeviceHubContract.ApiKeyHeader));
    }
}
