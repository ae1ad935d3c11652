using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// <c>results.json</c>: the report in a documented shape (field names are the contract; the web app's Learning page
/// reads it). Every per-loop figure sits under <c>closedLoop</c> and <c>openLoop</c>, closed loop first.
/// </summary>
internal static class ResultsJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(ConvergenceReport report, long evaluateEvery, long? tuningSeed, double? stopWhenHeld)
    {
        ArgumentNullException.ThrowIfNull(report);
        var closed = ClosedLoopOptions.Default;
        var best = report.BestNonLearning;
        var root = new JsonObject
        {
            ["scenario"] = report.Scenario,
            ["seeds"] = report.Seeds,
            ["maxInteractions"] = report.MaxInteractions,
            ["evaluateEvery"] = evaluateEvery,
            ["tuningSeed"] = tuningSeed,
            ["stopWhenHeld"] = stopWhenHeld,
            ["threshold"] = ConvergenceReport.Threshold,
            ["closedLoopEvaluation"] = new JsonObject
            {
                ["seeds"] = closed.Seeds,
                ["warmUpRequests"] = closed.WarmUpRequests,
                ["requestsPerSeed"] = closed.RequestsPerSeed,
            },
            ["agents"] = new JsonArray(report.Agents.Select(Agent).ToArray<JsonNode?>()),
            ["bestNonLearning"] = NonLearning(best),
            ["nonLearning"] = new JsonArray(report.NonLearning.Select(NonLearning).ToArray<JsonNode?>()),
            ["speedup"] = PerLoop(loop => Keyed(report.Speedups.Where(s => s.Loop == loop).Select(s => ($"hl_vs_{s.Baseline}", (JsonNode?)new JsonObject
            {
                ["ratio"] = s.Ratio,
                ["lowerBound"] = s.LowerBound,
                ["hlConvergedEverySeed"] = s.HybridConverged,
            })))),
            ["costOfLearning"] = PerLoop(loop => Keyed(report.Costs.Where(c => c.Loop == loop).SelectMany(c => new[]
            {
                ($"regret_hl_vs_{c.Baseline}", (JsonNode?)c.RegretRatio),
                ($"violations_hl_vs_{c.Baseline}", (JsonNode?)c.ViolationsRatio),
            }).OrderBy(p => p.Item1.StartsWith("violations", StringComparison.Ordinal)))),
        };
        return root.ToJsonString(Indented);
    }

    private static JsonObject Agent(AgentSummary a) => new()
    {
        ["name"] = a.Agent,
        ["setting"] = a.Setting,
        ["seeds"] = a.ClosedLoop.To95.Seeds,
        ["wallSeconds"] = a.WallSeconds,
        ["closedLoop"] = Loop(a.ClosedLoop),
        ["openLoop"] = Loop(a.OpenLoop),
    };

    private static JsonObject Loop(LoopSummary s) => new()
    {
        ["interactionsToConverge"] = new JsonObject
        {
            ["median"] = s.To95.Median,
            ["min"] = s.To95.Min,
            ["max"] = s.To95.Max,
            ["lowerBound"] = !s.To95.AllConverged,
        },
        ["interactionsTo90"] = s.To90.Median,
        ["interactionsTo98"] = s.To98.Median,
        ["convergedSeeds"] = s.To95.Converged,
        ["finalScore"] = Finite(s.FinalScore),
        ["cumulativeRegret"] = Finite(s.CumulativeRegret),
        ["violationsDuringLearning"] = Finite(s.Violations),
    };

    private static JsonObject NonLearning(NonLearningScore p) => new()
    {
        ["name"] = p.Name,
        ["closedLoopScore"] = Finite(p.ClosedLoop),
        ["closedLoopStandardError"] = Finite(p.ClosedLoopStandardError),
        ["openLoopScore"] = Finite(p.OpenLoop),
    };

    private static JsonObject PerLoop(Func<ScoreLoop, JsonNode> figures) => new()
    {
        ["closedLoop"] = figures(ScoreLoop.Closed),
        ["openLoop"] = figures(ScoreLoop.Open),
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
