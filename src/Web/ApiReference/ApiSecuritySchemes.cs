using EdgeControl.Protocol;
using EdgeControl.Web.Accounts;
using EdgeControl.Web.Devices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace EdgeControl.Web.ApiReference;

/// <summary>
/// The credentials of the API as OpenAPI security schemes, and which of them each operation takes, read from the
/// endpoint's own authorization metadata (<c>RequireAuthorization</c>, <c>AllowAnonymous</c>) so the document cannot
/// drift from what the server enforces. An endpoint that checks a credential itself says so with
/// <see cref="DocumentedCredentials"/>; an endpoint that says nothing at all stops the document with an error.
/// </summary>
internal static class ApiSecuritySchemes
{
    /// <summary>Named as the server's own authentication scheme (<see cref="DeviceKeyAuthentication.SchemeName"/>).</summary>
    public const string DeviceKey = DeviceKeyAuthentication.SchemeName;

    public const string Session = "SessionCookie";

    public const string RegistrationToken = "RegistrationToken";

    /// <summary>The session cookie's name (see <c>AccountsExtensions</c>).</summary>
    public const string SessionCookieName = "EdgeControl.Auth";

    public static IReadOnlyDictionary<string, OpenApiSecurityScheme> All { get; } = new Dictionary<string, OpenApiSecurityScheme>
    {
        [DeviceKey] = new()
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = DeviceHubContract.ApiKeyHeader,
            Description = "A device's API key, answered once by registerDevice (`ec_...`). Revoking the device (revokeDevice) ends it at once.",
        },
        [Session] = new()
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = SessionCookieName,
            Description = "The session of a dashboard account, set by signIn and ended by signOut. A state change without a body sent with it also needs the header `X-Requested-With: EdgeControl`.",
        },
        [RegistrationToken] = new()
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = DevicesApi.RegistrationTokenHeader,
            Description = "The shared secret devices register with (Devices:RegistrationToken). With none configured only a signed-in admin registers devices.",
        },
    };

    /// <summary>The schemes an operation accepts, any one of them; none for an anonymous operation.</summary>
    public static OperationCredentials Of(IList<object> metadata, string operation)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.OfType<DocumentedCredentials>().LastOrDefault() is { } documented)
        {
            return new OperationCredentials(documented.Schemes, CheckedByEndpoint: true);
        }

        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return new OperationCredentials([], CheckedByEndpoint: false);
        }

        var policies = metadata.OfType<IAuthorizeData>().ToList();
        if (policies.Count == 0)
        {
            throw new InvalidOperationException(
                $"{operation} says nothing about its credentials: give it RequireAuthorization, AllowAnonymous or DocumentCredentials.");
        }

        // Every other policy (Admin, Operator, the default) authenticates with the default scheme: the session cookie.
        return new OperationCredentials(policies.Any(p => p.Policy == DeviceKeyAuthentication.PolicyName) ? [DeviceKey] : [Session], CheckedByEndpoint: false);
    }

    /// <summary>Whether the operation needs the Admin role (so a signed-in operator gets 403).</summary>
    public static bool NeedsAdmin(IList<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Any(p => p.Policy == Policies.Admin || p.Roles == Roles.Admin);
}
