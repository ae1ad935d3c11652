using Microsoft.AspNetCore.Diagnostics;

namespace EdgeControl.Web.Api;

/// <summary>
/// Turns the server's own verdict on a request it could not read (<see cref="BadHttpRequestException"/>: Kestrel's
/// body timeout from MinRequestBodyDataRate is 408, an aborted body "Unexpected end of request content" 400, a body
/// over MaxRequestBodySize 413) into problem details with that status. Without it the exception handler middleware
/// answers 500 and logs an unhandled exception for what is the client's or the network's fault. Registered with
/// AddExceptionHandler, so it covers every endpoint however it reads its body (StrictJsonBody, forms, binding).
/// </summary>
internal sealed partial class RequestBodyFaultHandler(IProblemDetailsService problems, ILogger<RequestBodyFaultHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        // Not swallowed: .NET 10 no longer logs an exception an IExceptionHandler handled, so it is logged here, at
        // the level of a client mistake rather than a server error.
        Refused(logger, httpContext.Request.Method, httpContext.Request.Path, bad.StatusCode, bad.Message);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = TitleOf(bad.StatusCode),
                // Kestrel's messages name the limit, never request data, so they are fit for the client.
                Detail = bad.Message,
            },
        });
    }

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status408RequestTimeout => "Request body timed out",
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "Request headers too large",
        _ => "Bad request",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} refused with {Status}: {Reason}")]
    private static partial void Refused(ILogger logger, string method, PathString path, int status, string reason);
}
