namespace EdgeControl.Web.Api;

/// <summary>
/// How a middleware refuses a request before any endpoint runs: RFC 9457 problem details naming the header or form
/// field at fault (<c>"header": "Origin"</c>, <c>"field": "__RequestVerificationToken"</c>), or, for a caller whose
/// Accept header takes no JSON, the same sentence as plain text (the status is what counts).
/// </summary>
internal static class Refusal
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, (string Kind, string Name) at)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        var written = await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = detail,
                Extensions = { [at.Kind] = at.Name },
            },
        });
        if (!written)
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"{title}: {detail}", context.RequestAborted);
        }
    }
}
