using Scalar.AspNetCore;

namespace EdgeControl.Web.ApiReference;

/// <summary>
/// The OpenAPI document of every <c>/api/v1</c> endpoint at <c>/openapi/v1.json</c> and an interactive reference
/// page (Scalar) at <c>/scalar</c>. The page's script is served by the app from the Scalar package itself, and what
/// Scalar would fetch from its own servers (web fonts, usage telemetry, its AI agent and MCP links) is off, so the page works on a
/// machine with no internet and tells no third party that it was opened.
/// </summary>
internal static class ApiReferenceExtensions
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/scalar";

    public static void AddApiReference(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "EdgeControl API";
            document.Info.Description =
                "Control plane for DNN inference across devices, edge and cloud. Devices register with a registration token " +
                "and then authenticate with their API key (X-Api-Key). Every error is an RFC 9457 problem details response " +
                "naming the offending field.";
            return Task.CompletedTask;
        }));
    }

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(PagePath, options => options
            .WithTitle("EdgeControl API")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
        return app;
    }
}
