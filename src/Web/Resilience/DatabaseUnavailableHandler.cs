using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EdgeControl.Web.Resilience;

/// <summary>
/// A request that needed the database while it is away answers 503 problem details with <c>Retry-After</c>, not 500:
/// the client did nothing wrong and should try again shortly. A row the database refuses is not this (that is a bug
/// in the checks in front of it) and stays a 500.
/// </summary>
internal sealed class DatabaseUnavailableHandler(IProblemDetailsService problems, DatabaseAvailability availability) : IExceptionHandler
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!DatabaseErrors.IsUnavailable(exception))
        {
            return false;
        }

        availability.ReportFailure("request " + httpContext.Request.Path, exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable",
                Detail = "The control plane cannot reach its database right now; decisions over the hub continue. Try again shortly.",
            },
        });
    }
}
