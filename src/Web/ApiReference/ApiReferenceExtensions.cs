using System.Text.Json.Serialization;
using Scalar.AspNetCore;

namespace EdgeControl.Web.ApiReference;

/// <summary>
/// The OpenAPI document of every <c>/api/v1</c> endpoint at <c>/openapi/v1.json</c>, completed by the transformers of
/// this folder (credentials, every problem-details answer, tags, request bodies' required fields and examples; the
/// operation ids are the endpoints' names), and an interactive reference page (Scalar) at <c>/scalar</c>. The page's script is served by the app from the Scalar package itself, and what
/// Scalar would fetch from its own servers (web fonts, usage telemetry, its AI agent and MCP links) is off, so the page works on a
/// machine with no internet and tells no third party that it was opened.
/// </summary>
internal static class ApiReferenceExtensions
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/scalar";

    public static void AddApiReference(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddOperationTransformer<ApiResponsesTransformer>();
            options.AddOperationTransformer<RequestBodyExamples>();
            options.AddSchemaTransformer<RequestSchemas>();
            options.AddDocumentTransformer<ContractDocumentTransformer>();
        });

        // The web defaults read numbers from JSON strings too, so the document would type every number as "integer or
        // string" and generated clients would wrap each in a union. Clients send numbers; the answers are unchanged
        // (the setting is about reading).
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
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
