using System.Globalization;
using System.Text.Json.Nodes;

namespace EdgeControl.Web.Tests.Fuzz;

/// <summary>
/// A value of each shape the app accepts, so a mutation breaks one thing at a time and the rest of the body still
/// reaches the checks behind the first one. Fields checked against a catalog or the shipped scenario get a value from
/// it (by field name); any other field a plain value of its type. <c>n</c> makes names and ids unique per body.
/// </summary>
internal static class ValidExamples
{
    private static readonly Dictionary<string, Func<int, JsonNode>> ByField = new(StringComparer.Ordinal)
    {
        ["userName"] = n => $"fuzz-account-{n}",
        ["password"] = _ => "fuzz-password-0123456789",
        ["role"] = _ => "Operator",
        ["name"] = n => $"fuzz-device-{n}",
        ["profile"] = _ => "rpi4",
        // A cheap learner, paced: a run the fuzz starts must not compete for the CPU (the storm stops it at once, too).
        ["agent"] = _ => "qlearning",
        ["scenario"] = _ => "paper-mobilenet",
        ["mode"] = _ => "twin",
        ["stepsPerSecond"] = _ => 1,
        ["evaluateEvery"] = _ => 1000,
        ["checkpointEvery"] = _ => 100_000,
        ["warmStart"] = _ => false,
        ["requestId"] = n => $"fuzz-request-{n}",
        ["user"] = _ => "camera-1",
        // The scenario users a device hosts (its registration names them).
        ["users"] = _ => new JsonArray("camera-1", "phone-1", "sensor-1"),
        ["target"] = _ => "edge-1",
        ["variant"] = _ => "mobilenet-0.5-160",
        ["action"] = _ => 0,
        ["sequence"] = n => n,
        ["latencyMs"] = _ => 42.5,
        ["energyJ"] = _ => 0.8,
        ["accuracy"] = _ => 0.71,
        ["uplinkMbps"] = _ => 20,
        ["rttEdgeMs"] = _ => 5,
        ["rttCloudMs"] = _ => 40,
        ["localLoad"] = _ => 0,
        ["networkCondition"] = _ => "regular",
        ["tier"] = _ => "edge",
        ["url"] = _ => "http://127.0.0.1:5999",
        // Serving the learner, as the app does anyway: a fuzzed switch must not change who decides for other tests.
        ["policy"] = _ => "learned",
    };

    public static JsonNode Of(JsonShape shape, int n, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (field is not null && ByField.TryGetValue(field, out var known) && shape is not ObjectShape)
        {
            return known(n);
        }

        return shape switch
        {
            TextShape => $"fuzz-{n}",
            BooleanShape => false,
            NumberShape { Integer: true } => 1,
            NumberShape => 1.5,
            TimeShape => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ListShape list => new JsonArray(Of(list.Item, n)),
            ObjectShape o => new JsonObject(o.Fields.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)Of(f.Shape, n, f.Name)))),
            _ => throw new NotSupportedException(shape.ToString()),
        };
    }
}
