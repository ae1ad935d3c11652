using System.Security.Cryptography;
using System.Text;
using EdgeControl.Web.Accounts;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Observability;

/// <summary>
/// Lets a request to <c>/metrics</c> through with the configured scrape token or a signed-in admin's cookie. The
/// endpoint sits on the main port (one port to secure and route) and says as much about the fleet as the dashboard
/// does, so it is not anonymous; a refusal is problem details like every other 401/403.
/// </summary>
internal static class MetricsEndpointGate
{
    private const string BearerPrefix = "Bearer ";

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (HoldsToken(context.Request, options.ScrapeToken) || context.User.IsInRole(Roles.Admin))
        {
            await next(context);
            return;
        }

        var signedIn = context.User.Identity?.IsAuthenticated == true;
        var status = signedIn ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = signedIn ? "Forbidden" : "Unauthorized",
                Detail = signedIn
                    ? "Metrics need the Admin role or the scrape token."
                    : "Send the scrape token (Metrics:ScrapeToken) as 'Authorization: Bearer <token>', or sign in as an admin.",
            },
        });
    }

    private static bool HoldsToken(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        if (token.Length == 0 || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashing both sides gives equal lengths, so the comparison time says nothing about the token.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[BearerPrefix.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
