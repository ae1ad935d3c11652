using System.Text.Json;

namespace EdgeControl.Cli.Bench;

/// <summary><c>results.json</c> of <c>bench adaptation</c>: the report as it is, field names in camelCase, closed loop before open loop.</summary>
internal static class AdaptationJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(AdaptationReport report, long evaluateEvery) =>
        JsonSerializer.Serialize(new { report, evaluateEvery, threshold = ConvergenceReport.Threshold }, Options);
}
