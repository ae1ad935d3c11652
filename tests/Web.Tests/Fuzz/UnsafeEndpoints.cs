using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// Every endpoint of the running app that takes an unsafe method, read from its <see cref="EndpointDataSource"/>, each
/// with its generator: the JSON shape of the type it declares with <c>Accepts&lt;T&gt;</c>; for an endpoint that takes no
/// body on purpose (listed here by name), a dashboard page's form post or a SignalR transport, the empty object.
/// An endpoint that fits none has no generator, and the suite fails naming it: a new endpoint is fuzzed or explained.
/// </summary>
internal static class UnsafeEndpoints
{
    public const string JsonBody = "JSON body";

    public const string NoBody = "no body";

    public const string DashboardPage = "dashboard page";

    public const string SignalRTransport = "SignalR transport";

    private static readonly string[] UnsafeMethods = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    /// <summary>Endpoints whose input is the route, a header or the session, never a body ("*": whatever the method).</summary>
    private static readonly HashSet<string> Bodyless = new(StringComparer.Ordinal)
    {
        "POST /api/v1/accounts/sign-out",
        "POST /api/v1/training-runs/{id:guid}/stop",
        "POST /api/v1/devices/{id:guid}/heartbeat",
        "DELETE /api/v1/devices/{id:guid}",
        "DELETE /api/v1/workers/{id:guid}",
        "POST /account/logout",
        "* /health/live",
        "* /health/ready",
        "* /health/training",
        // Blazor's own: a closing browser tab tells the server its circuit is gone; the client's start-up scripts.
        "* /_blazor/disconnect/",
        "* /_blazor/initializers/",
    };

    /// <summary>A request to these may end the session it carries.</summary>
    private static readonly HashSet<string> SessionEnding = new(StringComparer.Ordinal)
    {
        "POST /api/v1/accounts/sign-out",
        "POST /account/logout",
    };

    /// <summary>The fuzzed endpoints (session-ending ones last) and the names of those without a generator.</summary>
    public static (IReadOnlyList<FuzzedEndpoint> Fuzzed, IReadOnlyList<string> WithoutGenerator) Of(EndpointDataSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var fuzzed = new List<FuzzedEndpoint>();
        var without = new List<string>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            // An endpoint that names no method (Map, MapHub's transports, MapHealthChecks) takes every method.
            var declared = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            var methods = declared is null or { Count: 0 } ? UnsafeMethods : declared.Where(m => UnsafeMethods.Contains(m, StringComparer.OrdinalIgnoreCase));
            foreach (var method in methods)
            {
                var name = $"{method} {endpoint.RoutePattern.RawText}";
                var family = endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: not null } ? JsonBody
                    : Bodyless.Contains(name) || Bodyless.Contains($"* {endpoint.RoutePattern.RawText}") ? NoBody
                    : endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null ? DashboardPage
                    : endpoint.Metadata.GetMetadata<HubMetadata>() is not null ? SignalRTransport
                    : null;
                if (family is null)
                {
                    without.Add(name);
                    continue;
                }

                var shape = family == JsonBody ? JsonShape.Of(endpoint.Metadata.GetMetadata<IAcceptsMetadata>()!.RequestType!) : null;
                fuzzed.Add(new FuzzedEndpoint(method, endpoint.RoutePattern, family, shape, SessionEnding.Contains(name)));
            }
        }

        return ([.. fuzzed.OrderBy(e => e.EndsSession).ThenBy(e => e.Name, StringComparer.Ordinal)], without);
    }
}
