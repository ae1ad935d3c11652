using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EdgeControl.Web.ApiReference;

/// <summary>
/// What the document says as a whole: its title and description, a relative server (the document is about the control
/// plane that serves it, whatever name a client reaches it by), the tags with their descriptions, the security schemes
/// the operations refer to, and the problem-details schema every error answer uses.
/// </summary>
internal sealed class ContractDocumentTransformer : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        document.Info = new OpenApiInfo
        {
            Title = "EdgeControl API",
            Version = "v1",
            Description =
                "Control plane for DNN inference across devices, edge and cloud. Devices register with the registration " +
                "token and then authenticate with their API key (X-Api-Key); operators and admins sign in and send the " +
                "session cookie. Devices that hold a connection use the SignalR hub at /hubs/devices instead of the decision " +
                "and telemetry operations (docs/device-protocol.md). Every error is an RFC 9457 problem details response " +
                "naming the field or header at fault.",
        };
        document.Servers = [new OpenApiServer { Url = "/", Description = "The control plane serving this document." }];
        document.Tags = new HashSet<OpenApiTag>(ApiTags.All.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        foreach (var (name, scheme) in ApiSecuritySchemes.All)
        {
            document.AddComponent<IOpenApiSecurityScheme>(name, scheme);
        }

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.TryGetValue("ProblemDetails", out var problem))
        {
            problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
            document.AddComponent("ProblemDetails", problem);
        }

        if (problem is OpenApiSchema schema)
        {
            schema.Description = "RFC 9457 problem details. Besides the standard members, `field` names the body field at fault (e.g. `outcomes[3].latencyMs`) and `header` the header; other members may follow.";
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The body field at fault, as a JSON path without `$.`.", Examples = [JsonValue.Create("outcomes[3].latencyMs")] };
            schema.Properties["header"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request header at fault.", Examples = [JsonValue.Create("X-Api-Key")] };
        }
    }
}
