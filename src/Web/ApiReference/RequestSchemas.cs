using EdgeControl.Protocol;
using EdgeControl.Web.Accounts;
using EdgeControl.Web.Devices;
using EdgeControl.Web.Telemetry;
using EdgeControl.Web.Training;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EdgeControl.Web.ApiReference;

/// <summary>
/// Which fields of each request body a client must send. The request records are all-nullable so that the server can
/// name a missing field in its 400 (rather than fail to bind), which the schema generator reads as "every constructor
/// parameter required, and null allowed". Neither is what the server accepts: here every field is required and not
/// null, except those listed as optional, which may be left out (or be null).
/// </summary>
internal sealed class RequestSchemas : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<Type, string[]> Optional = new()
    {
        [typeof(RegisterDeviceRequest)] = [],
        [typeof(RequestContext)] = ["requestId", "networkCondition"],
        [typeof(TelemetryBatchRequest)] = [],
        [typeof(OutcomeReport)] = [],
        [typeof(StartTrainingRunRequest)] = ["agent", "scenario", "seed", "stepsPerSecond", "evaluateEvery", "checkpointEvery", "warmStart", "mode", "warmStartFrom"],
        [typeof(SignInRequest)] = [],
        [typeof(CreateAccountRequest)] = [],
    };

    /// <summary>The request types whose required fields are stated, for the test that every request body is.</summary>
    public static IReadOnlyCollection<Type> Stated => Optional.Keys;

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonPropertyInfo is not null || !Optional.TryGetValue(context.JsonTypeInfo.Type, out var optional) || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        schema.Required = new HashSet<string>(schema.Properties.Keys.Where(name => !optional.Contains(name, StringComparer.Ordinal)), StringComparer.Ordinal);
        foreach (var (name, property) in schema.Properties)
        {
            if (schema.Required.Contains(name) && property is OpenApiSchema { Type: { } type } inline)
            {
                inline.Type = type & ~JsonSchemaType.Null;
            }
        }

        return Task.CompletedTask;
    }
}
