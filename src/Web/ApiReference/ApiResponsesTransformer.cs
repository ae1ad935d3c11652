using System.Text.Json.Nodes;
using EdgeControl.Web.Api;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EdgeControl.Web.ApiReference;

/// <summary>
/// Completes each operation with what the server does around its endpoint, read from the endpoint's metadata: the
/// credentials it takes (<see cref="ApiSecuritySchemes"/>), and every problem-details answer it can give. Besides the
/// endpoint's own refusals (<see cref="ApiEndpointConventions.Refuses"/>), these come from the pipeline in front of every
/// endpoint of a kind:
/// <list type="bullet">
/// <item>401: the device key or session a policy requires is missing or no longer valid (the authentication handlers);</item>
/// <item>403: a signed-in account without the Admin role on an Admin endpoint; any state change from another origin (<see cref="CrossSiteRequestGuard"/>);</item>
/// <item>415: a state change whose body is not JSON, or that carries cookies and neither a body nor <c>X-Requested-With</c> (<see cref="CrossSiteRequestGuard"/>);</item>
/// <item>400 and 413: a body that <see cref="StrictJsonBody"/> refuses, or one over the endpoint's limit;</item>
/// <item>503: the database is unavailable (<c>DatabaseUnavailableHandler</c>). Every operation can get it: authentication
/// itself reads the database for a key or session this instance has not seen before.</item>
/// </list>
/// A malformed GUID in a path gets routing's 404; it is not listed, since the parameter's schema (format uuid) already
/// rules such a request out.
/// </summary>
internal sealed class ApiResponsesTransformer : IOpenApiOperationTransformer
{
    public const string ProblemJson = "application/problem+json";

    private const string ProblemSchema = "ProblemDetails";
    private const string ValidationProblemSchema = "HttpValidationProblemDetails";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = description.HttpMethod ?? "GET";
        var name = $"{method} /{description.RelativePath}";
        var document = context.Document ?? throw new InvalidOperationException("The operation transformer needs the document.");

        var credentials = ApiSecuritySchemes.Of(metadata, name);
        operation.Security = [.. credentials.Schemes.Select(scheme => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] })];

        var reasons = new SortedDictionary<int, List<string>>();
        foreach (var own in metadata.OfType<IProducesResponseTypeMetadata>().Where(m => m.StatusCode >= 400 && m.Description is not null))
        {
            Add(reasons, own.StatusCode, own.Description!);
        }

        if (!credentials.CheckedByEndpoint)
        {
            if (credentials.Schemes.Contains(ApiSecuritySchemes.DeviceKey))
            {
                Add(reasons, StatusCodes.Status401Unauthorized, "No device key in X-Api-Key, or not the key of a registered, unrevoked device.");
            }

            if (credentials.Schemes.Contains(ApiSecuritySchemes.Session))
            {
                Add(reasons, StatusCodes.Status401Unauthorized, "Not signed in: no session cookie, or its session has ended (signed out, expired).");
            }

            if (ApiSecuritySchemes.NeedsAdmin(metadata))
            {
                Add(reasons, StatusCodes.Status403Forbidden, "The signed-in account does not have the Admin role.");
            }
        }

        var changesState = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
        var takesBody = metadata.OfType<IAcceptsMetadata>().Any();
        var bodylessWithCookie = changesState && !takesBody && credentials.Schemes.Contains(ApiSecuritySchemes.Session);
        if (changesState)
        {
            Add(reasons, StatusCodes.Status403Forbidden, "Sent by a page of another origin (its Origin header, or Sec-Fetch-Site: cross-site or same-site).");
            Add(reasons, StatusCodes.Status415UnsupportedMediaType, bodylessWithCookie
                ? $"Sent with the session cookie and without the header {CrossSiteRequestGuard.RequestedWithHeader}: {CrossSiteRequestGuard.RequestedWithValue}, or with a body that is not application/json."
                : "A body not sent as Content-Type: application/json.");
        }

        if (takesBody)
        {
            Add(reasons, StatusCodes.Status400BadRequest, "The body is not JSON, holds a field this request does not take, or a field is refused: `errors` names each field (e.g. `outcomes[3].latencyMs`).");
            Add(reasons, StatusCodes.Status413PayloadTooLarge, "The body is larger than this endpoint takes.");
        }

        Add(reasons, StatusCodes.Status503ServiceUnavailable, "The database is unavailable (to check a credential this instance has not seen yet, or to read or write what the request needs); retry after Retry-After seconds.");

        if (bodylessWithCookie)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(RequestedWithParameter());
        }

        var responses = new OpenApiResponses();
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (int.Parse(status, System.Globalization.CultureInfo.InvariantCulture) < 400)
            {
                responses[status] = response;
            }
        }

        foreach (var (status, why) in reasons)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            responses[key] = Problem(document, status, why, operation.Responses is { } declared && declared.TryGetValue(key, out var own) ? own : null);
        }

        operation.Responses = Sorted(responses);
        return Task.CompletedTask;
    }

    private static void Add(SortedDictionary<int, List<string>> reasons, int status, string reason)
    {
        if (!reasons.TryGetValue(status, out var list))
        {
            reasons[status] = list = [];
        }

        list.Add(reason);
    }

    /// <summary>
    /// The problem-details response for <paramref name="status"/>: its reasons as the description, the schema the
    /// endpoint declared (a 400 from validation has its <c>errors</c>), and Retry-After where the client should wait.
    /// </summary>
    private static OpenApiResponse Problem(OpenApiDocument document, int status, List<string> reasons, IOpenApiResponse? declared)
    {
        var schema = (declared?.Content is { } content && content.TryGetValue(ProblemJson, out var media) ? media.Schema : null)
            ?? new OpenApiSchemaReference(status == StatusCodes.Status400BadRequest ? ValidationProblemSchema : ProblemSchema, document);
        var response = new OpenApiResponse
        {
            Description = reasons.Count == 1 ? reasons[0] : string.Join("\n", reasons.Select(reason => "- " + reason)),
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } },
        };
        if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                },
            };
        }

        return response;
    }

    private static OpenApiParameter RequestedWithParameter() => new()
    {
        Name = CrossSiteRequestGuard.RequestedWithHeader,
        In = ParameterLocation.Header,
        Required = true,
        Description = "Proves the request was not sent by a form of another site: a state change without a body, sent with the session cookie, needs it.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(CrossSiteRequestGuard.RequestedWithValue)] },
    };

    private static OpenApiResponses Sorted(OpenApiResponses responses)
    {
        var sorted = new OpenApiResponses();
        foreach (var (status, response) in responses.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            sorted[status] = response;
        }

        return sorted;
    }
}
