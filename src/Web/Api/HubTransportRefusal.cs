using System.Text;
using Microsoft.AspNetCore.SignalR;

namespace EdgeControl.Web.Api;

/// <summary>
/// Turns the plain-text 4xx answers of SignalR's HTTP transports (the device hub and the dashboard's Blazor hub:
/// "Connection ID required", "No Connection with that ID", 405 with an empty body) into problem details like every
/// other refusal of the app. SignalR writes those itself, so they never reach the status-code pages: the answer of a
/// short hub request (negotiate, a send, a close) is held back until it is known. A WebSocket and a long poll stream
/// and are passed through untouched.
/// </summary>
internal sealed class HubTransportRefusal(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<HubMetadata>() is null || Streams(context))
        {
            await next(context);
            return;
        }

        var body = context.Response.Body;
        using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }

        var response = context.Response;
        if (response.StatusCode is >= 400 and < 500 && response.ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) != true)
        {
            var said = Encoding.UTF8.GetString(held.GetBuffer(), 0, (int)held.Length).Trim();
            response.Headers.ContentLength = null;
            await Refusal.WriteAsync(
                context,
                response.StatusCode,
                said.Length > 0 ? said : ReasonOf(response.StatusCode),
                $"The hub at {context.Request.Path} refused this {context.Request.Method}: a device connects with POST .../negotiate, then a WebSocket.",
                ("path", context.Request.Path.Value ?? string.Empty));
            return;
        }

        held.Position = 0;
        await held.CopyToAsync(body, context.RequestAborted);
    }

    /// <summary>A WebSocket, or a long-polling or server-sent-events GET of a connection: open for long, never buffered.</summary>
    private static bool Streams(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest || (HttpMethods.IsGet(context.Request.Method) && context.Request.Query.ContainsKey("id"));

    private static string ReasonOf(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Refused";
}
