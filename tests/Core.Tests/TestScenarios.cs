using System.Text.Json.Nodes;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Core.Tests;

/// <summary>
/// A small valid scenario as JSON, and a way to change (or remove) one field of it by its path,
/// so each validation test breaks exactly one thing.
/// </summary>
internal static class TestScenarios
{
    // Two network conditions, one server of each tier, one Markov user (users[0]) and one trace
    // user (users[1]) on different devices and radios.
    public const string ValidJson = """
        {
          "name": "test",
          "seed": 1,
          "catalog": "mobilenet_v1",
          "measurementNoise": 0,
          "reward": { "energyReferenceJ": 0.5, "accuracyPenalty": 2 },
          "networkConditions": [
            { "name": "regular", "uplinkMbps": 20, "rttEdgeMs": 5, "rttCloudMs": 40 },
            { "name": "weak", "uplinkMbps": 3, "rttEdgeMs": 25, "rttCloudMs": 90 }
          ],
          "servers": [
            { "name": "edge-1", "profile": "edge-cpu" },
            { "name": "cloud-1", "profile": "cloud-gpu" }
          ],
          "users": [
            {
              "name": "camera", "device": "rpi4", "radio": "wifi",
              "accuracyRequirement": 0.65, "sloMs": 150, "energyWeight": 0.5, "arrivalRatePerSecond": 4,
              "network": {
                "initial": "regular",
                "transitions": { "regular": { "regular": 0.9, "weak": 0.1 }, "weak": { "weak": 0.8, "regular": 0.2 } }
              }
            },
            {
              "name": "sensor", "device": "rpi3", "radio": "lte",
              "accuracyRequirement": 0.6, "sloMs": 300, "energyWeight": 0.2, "arrivalRatePerSecond": 2,
              "network": { "trace": [ { "condition": "regular", "seconds": 1 }, { "condition": "weak", "seconds": 2 } ] }
            }
          ],
          "evaluation": { "observations": 100, "seed": 3 }
        }
        """;

    public static Scenario Valid() => ScenarioLoader.Parse(ValidJson);

    /// <summary>The valid scenario with each (path, value) applied: value is JSON text, or null to remove the field.</summary>
    public static string With(params (string Path, string? Value)[] edits)
    {
        var document = JsonNode.Parse(ValidJson)!;
        foreach (var (path, value) in edits)
        {
            Apply(document, path, value);
        }

        return document.ToJsonString();
    }

    public static Scenario Load(params (string Path, string? Value)[] edits) => ScenarioLoader.Parse(With(edits));

    private static void Apply(JsonNode document, string path, string? value)
    {
        var segments = Segments(path);
        var parent = document;
        foreach (var segment in segments[..^1])
        {
            parent = segment is int i ? parent[i]! : parent[(string)segment]!;
        }

        var replacement = value is null ? null : JsonNode.Parse(value);
        switch (segments[^1])
        {
            case int index:
                parent.AsArray()[index] = replacement;
                break;
            case string name when value is null:
                parent.AsObject().Remove(name);
                break;
            case string name:
                parent[name] = replacement;
                break;
        }
    }

    // "users[0].network.trace[1].seconds" -> users, 0, network, trace, 1, seconds
    private static object[] Segments(string path)
    {
        var segments = new List<object>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            segments.Add(bracket < 0 ? part : part[..bracket]);
            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                segments.Add(int.Parse(part[(bracket + 1)..close], System.Globalization.CultureInfo.InvariantCulture));
                bracket = part.IndexOf('[', close);
            }
        }

        return [.. segments];
    }
}
