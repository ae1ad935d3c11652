using System.Text.Json.Nodes;
using EdgeControl.Protocol;
using EdgeControl.Web.Accounts;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Devices;
using EdgeControl.Web.Telemetry;
using EdgeControl.Web.Training;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EdgeControl.Web.ApiReference;

/// <summary>
/// A description and a working example for every request body, by the body's type: what a client generator shows
/// beside the method and what the reference page fills in. The examples are requests the server accepts (given a
/// decision's real ticket); <c>ApiContractTests</c> checks that every body has one.
/// </summary>
internal sealed class RequestBodyExamples : IOpenApiOperationTransformer
{
    private static readonly Dictionary<Type, (string Description, string Summary, string Json)> Examples = new()
    {
        [typeof(RegisterDeviceRequest)] = (
            "The device's unique name (1-64 of A-Z, a-z, 0-9, '.', '_', '-'), its hardware profile (rpi4, rpi3, ...) and the scenario users it hosts (1-1000 names): it gets decisions and reports outcomes for these only.",
            "A Raspberry Pi 4 hosting two users",
            """{ "name": "pi-kitchen", "profile": "rpi4", "users": ["camera-1", "phone-1"] }"""),
        [typeof(RequestContext)] = (
            "One pending request of one of the device's users and the device's own view of its network and load. `requestId` may be left out (one is made); `networkCondition` too (the scenario's condition nearest to `uplinkMbps` is taken).",
            "A camera on a good Wi-Fi link",
            """{ "requestId": "r-1", "user": "camera-1", "uplinkMbps": 20, "rttEdgeMs": 5, "rttCloudMs": 40, "localLoad": 0, "networkCondition": "regular" }"""),
        [typeof(TelemetryBatchRequest)] = (
            "1-1000 measured outcomes. Each echoes its decision's requestId, user, action, target, variant and ticket unchanged, under the device's own increasing sequence number; a sequence stored before counts as a duplicate, not an error.",
            "The outcome of one decision",
            """{ "outcomes": [ { "sequence": 0, "requestId": "r-1", "user": "camera-1", "action": 17, "target": "edge-1", "variant": "mobilenet_v1_1.0_192", "latencyMs": 42.5, "energyJ": 0.8, "accuracy": 0.7, "observedAt": "2026-05-04T10:15:30.250Z", "ticket": "AAABoksEdKr-2YIqT_aS6A4dxZBvES1C" } ] }"""),
        [typeof(StartTrainingRunRequest)] = (
            "Every field may be left out and then takes the orchestrator's configuration: `agent` (hl, dqn, qlearning, ...), `scenario` (a file of the scenarios directory), `seed`, `stepsPerSecond` (0: unpaced), `evaluateEvery`, `checkpointEvery`, `mode` (twin or live), `warmStart` (from the latest checkpoint of the same learner and scenario) and `warmStartFrom` (a run id: from that run's latest checkpoint, e.g. a run trained by `edgecontrol train --from-log`).",
            "DQN on the crowded-edge scenario, from scratch",
            """{ "agent": "dqn", "scenario": "crowded-edge", "warmStart": false }"""),
        [typeof(RegisterWorkerRequest)] = (
            "The worker's unique name (1-64 of A-Z, a-z, 0-9, '.', '_', '-'; the scenario server it serves), its tier (edge or cloud) and the absolute http(s) URL devices reach it at.",
            "The edge server edge-1",
            """{ "name": "edge-1", "tier": "edge", "url": "http://10.0.0.2:5100" }"""),
        [typeof(ServingPolicyRequest)] = (
            "Who decides for devices: `learned` (the run's learner) or a fixed policy of the scenario (local, edge, cloud, greedy, load-aware).",
            "The fixed edge policy, for an A/B window",
            """{ "policy": "edge" }"""),
        [typeof(SignInRequest)] = (
            "A dashboard account's name and password.",
            "The first admin",
            """{ "userName": "admin", "password": "the password printed at the first start" }"""),
        [typeof(CreateAccountRequest)] = (
            "A new account's name, password (12+ characters, not containing the name, not a common password) and role (Admin or Operator).",
            "An operator",
            """{ "userName": "night-shift", "password": "a long passphrase of several words", "role": "Operator" }"""),
    };

    /// <summary>The body types that have an example, for the test that every body has one.</summary>
    public static IReadOnlyCollection<Type> Described => Examples.Keys;

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var accepts = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>().LastOrDefault();
        if (accepts?.RequestType is not { } type || operation.RequestBody is not OpenApiRequestBody body)
        {
            return Task.CompletedTask;
        }

        if (!Examples.TryGetValue(type, out var example))
        {
            throw new InvalidOperationException($"The request body {type.Name} has no example in {nameof(RequestBodyExamples)}.");
        }

        body.Description = example.Description;
        foreach (var media in body.Content?.Values ?? [])
        {
            media.Examples = new Dictionary<string, IOpenApiExample>
            {
                ["example"] = new OpenApiExample { Summary = example.Summary, Value = JsonNode.Parse(example.Json) },
            };
        }

        return Task.CompletedTask;
    }
}
