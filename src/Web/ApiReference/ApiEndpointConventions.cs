using Microsoft.AspNetCore.Mvc;

namespace EdgeControl.Web.ApiReference;

/// <summary>How an endpoint states its own refusals and credentials for the OpenAPI document.</summary>
internal static class ApiEndpointConventions
{
    /// <summary>
    /// The endpoint answers <paramref name="status"/> problem details when <paramref name="reason"/> (one sentence). The
    /// refusals every endpoint of a kind shares (credentials, the cross-site guard, body limits, the database) are
    /// added by <see cref="ApiResponsesTransformer"/>; only the endpoint's own are stated where it is mapped.
    /// </summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder endpoint, int status, string reason) =>
        endpoint.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ApiResponsesTransformer.ProblemJson])
        {
            Description = reason,
        });

    /// <summary>The endpoint checks its credential itself and accepts any one of <paramref name="schemes"/> (<see cref="ApiSecuritySchemes"/>).</summary>
    public static RouteHandlerBuilder DocumentCredentials(this RouteHandlerBuilder endpoint, params string[] schemes) =>
        endpoint.WithMetadata(new DocumentedCredentials(schemes));
}
