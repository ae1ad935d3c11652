using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// How a <c>bench run-one</c> child talks to its parent: progress lines on stderr
/// (<c>progress INTERACTIONS CLOSEDLOOPSCORE OPENLOOPSCORE WALLSECONDS</c>) and one JSON line with the whole run on stdout.
/// </summary>
internal static class JobProtocol
{
    private const string ProgressPrefix = "progress ";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A learner without a loss reports NaN.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string ResultLine(SeedRun run) => JsonSerializer.Serialize(run, Options);

    /// <summary>The run from a child's stdout: its last non-empty line (a native library may have printed before it).</summary>
    public static SeedRun ParseResult(string stdout)
    {
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
            ?? throw new FormatException("the child printed no result");
        return JsonSerializer.Deserialize<SeedRun>(line, Options) ?? throw new FormatException($"not a run: {line}");
    }

    public static string ProgressLine(ProgressPoint point) =>
        string.Create(CultureInfo.InvariantCulture, $"{ProgressPrefix}{point.Interactions} {point.ClosedLoopScore:R} {point.OpenLoopScore:R} {point.WallSeconds:R}");

    public static bool TryParseProgress(string line, out ProgressPoint point)
    {
        point = default;
        if (!line.StartsWith(ProgressPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = line[ProgressPrefix.Length..].Split(' ');
        if (parts.Length == 4
            && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var interactions)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var closedLoop)
            && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var openLoop)
            && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var wall))
        {
            point = new ProgressPoint(interactions, closedLoop, openLoop, wall);
            return true;
        }

        return false;
    }
}
