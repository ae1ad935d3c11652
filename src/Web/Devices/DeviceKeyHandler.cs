using System.Text.Encodings.Web;
using EdgeControl.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Devices;

/// <summary>
/// The <see cref="DeviceKeyAuthentication.SchemeName"/> scheme: a request carrying an unrevoked device API key in
/// <see cref="DeviceHubContract.ApiKeyHeader"/> (or, on the device hub only, for clients that cannot set headers, in
/// the <see cref="DeviceHubContract.AccessTokenQuery"/> query parameter) is that device (<see cref="DeviceClaims"/>).
/// A refused request gets 401 problem details naming the header.
/// </summary>
internal sealed class DeviceKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DeviceKeyLookup keys,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Where the key may be: the query string only on the hub, where a browser's WebSocket cannot set a header.</summary>
    private string Where => OnHub
        ? $"The {DeviceHubContract.ApiKeyHeader} header (or the {DeviceHubContract.AccessTokenQuery} query parameter)"
        : $"The {DeviceHubContract.ApiKeyHeader} header";

    private bool OnHub => Request.Path.StartsWithSegments(DeviceHubContract.Path, StringComparison.Ordinal);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var apiKey = Request.Headers[DeviceHubContract.ApiKeyHeader].ToString();
        if (apiKey.Length == 0 && OnHub)
        {
            apiKey = Request.Query[DeviceHubContract.AccessTokenQuery].ToString();
        }

        if (apiKey.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var owner = await keys.FindAsync(apiKey, Context.RequestAborted);
        return owner is null
            ? AuthenticateResult.Fail($"{Where} does not hold a valid (unrevoked) device API key.")
            : AuthenticateResult.Success(new AuthenticationTicket(DeviceClaims.Principal(owner), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = Scheme.Name;
        await WriteProblemAsync(
            StatusCodes.Status401Unauthorized,
            "Unauthorized",
            result.Failure?.Message ?? $"{Where} with the device's API key is required.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => WriteProblemAsync(
        StatusCodes.Status403Forbidden,
        "Forbidden",
        $"The device API key in {DeviceHubContract.ApiKeyHeader} does not give access to this endpoint.");

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = detail,
                Extensions = { ["header"] = DeviceHubContract.ApiKeyHeader },
            },
        });
    }
}
