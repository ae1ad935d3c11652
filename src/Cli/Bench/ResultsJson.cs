using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeControl.Cli.Bench;

/// <summary><c>results.json</c>: the report in the shape the issue documents (field names are the contract).</summary>
internal static class ResultsJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(ConvergenceReport report, long evaluateEvery, long? tuningSeed, double? stopWhenHeld)
    {
        ArgumentNullException.ThrowIfNull(report);
        var root = new JsonObject
        {
            ["scenario"] = report.Scenario,
            ["seeds"] = report.Seeds,
            ["maxInteractions"] = report.MaxInteractions,
            ["evaluateEvery"] = evaluateEvery,
            ["tuningSeed"] = tuningSeed,
            ["stopWhenHeld"] = stopWhenHeld,
            ["threshold"] = ConvergenceReport.Threshold,
            ["agents"] = new JsonArray(report.Agents.Select(Agent).ToArray<JsonNode?>()),
            ["bestNonLearning"] = new JsonObject { ["name"] = report.BestNonLearning.Name, ["score"] = Finite(report.BestNonLearning.Score) },
            ["speedup"] = Keyed(report.Speedups.Select(s => ($"hl_vs_{s.Baseline}", (JsonNode?)new JsonObject
            {
                ["ratio"] = s.Ratio,
                ["lowerBound"] = s.LowerBound,
                ["hlConvergedEverySeed"] = s.HybridConverged,
            }))),
            ["costOfLearning"] = Keyed(report.Costs.SelectMany(c => new[]
            {
                ($"regret_hl_vs_{c.Baseline}", (JsonNode?)c.RegretRatio),
                ($"violations_hl_vs_{c.Baseline}", (JsonNode?)c.ViolationsRatio),
            }).OrderBy(p => p.Item1.StartsWith("violations", StringComparison.Ordinal))),
        };
        return root.ToJsonString(Indented);
    }

    private static JsonObject Agent(AgentSummary a) => new()
    {
        ["name"] = a.Agent,
        ["setting"] = a.Setting,
        ["interactionsToConverge"] = new JsonObject
        {
            ["median"] = a.To95.Median,
            ["min"] = a.To95.Min,
            ["max"] = a.To95.Max,
            ["lowerBound"] = !a.To95.AllConverged,
        },
        ["interactionsTo90"] = a.To90.Median,
        ["interactionsTo98"] = a.To98.Median,
        ["convergedSeeds"] = a.To95.Converged,
        ["seeds"] = a.To95.Seeds,
        ["finalScore"] = Finite(a.FinalScore),
        ["cumulativeRegret"] = Finite(a.CumulativeRegret),
        ["violationsDuringLearning"] = Finite(a.Violations),
        ["wallSeconds"] = a.WallSeconds,
    };

    private static JsonObject Keyed(IEnumerable<(string Key, JsonNode? Value)> pairs)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            obj[key] = value;
        }

        return obj;
    }

    // JSON has no NaN or infinity.
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
