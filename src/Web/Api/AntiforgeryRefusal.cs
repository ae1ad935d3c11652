using Microsoft.AspNetCore.Antiforgery;

namespace EdgeControl.Web.Api;

/// <summary>
/// Answers a request whose endpoint requires an antiforgery token (the dashboard's forms: sign-in, sign-out) and that
/// came without a valid one: 400 problem details at once. The antiforgery middleware only records its verdict; without
/// this, a minimal endpoint that binds no form (sign-out) never reads the verdict and runs anyway, and a Razor
/// component endpoint answers a bare text/html 400. Runs right after <c>UseAntiforgery</c>.
/// </summary>
internal sealed class AntiforgeryRefusal(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            ? Refusal.WriteAsync(
                context,
                StatusCodes.Status400BadRequest,
                "Antiforgery token missing or invalid",
                "This form must be sent from the dashboard page that rendered it (with its antiforgery token); reload the page and try again.",
                ("field", "__RequestVerificationToken"))
            : next(context);
    }
}
