using System.Text.Json;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// An experiment read back from the files <c>bench convergence</c> wrote into its directory (results.json, see
/// <see cref="ResultsJson"/>, and curves.csv, see <see cref="CurvesCsv"/>), so its picture can be drawn again without
/// running it. The report is rebuilt from the curves, as the experiment built it.
/// </summary>
internal sealed record ExperimentResults(ConvergenceReport Report, IReadOnlyList<AgentRuns> Runs)
{
    public const string ResultsFile = "results.json";
    public const string CurvesFile = "curves.csv";

    /// <exception cref="InvalidDataException">A file is not as <c>bench convergence</c> writes it; the message names the file and what is wrong.</exception>
    public static ExperimentResults Read(string directory)
    {
        IReadOnlyList<SeedRun> curves;
        using (var reader = new StreamReader(Path.Combine(directory, CurvesFile)))
        {
            curves = CurvesCsv.Read(reader, CurvesFile);
        }

        using var results = Parse(Path.Combine(directory, ResultsFile));
        var root = results.RootElement;
        var agents = Property(root, "agents").EnumerateArray().Select(a => (Name: Text(a, "name"), Setting: Text(a, "setting"))).ToList();
        var runs = agents.Select(a => new AgentRuns(a.Name, a.Setting, [.. curves.Where(r => r.Agent == a.Name).Select(r => r with { Setting = a.Setting })])).ToList();
        if (runs.FirstOrDefault(r => r.Runs.Count == 0) is { } missing)
        {
            throw new InvalidDataException($"{CurvesFile} has no curve of {missing.Agent}, an agent of {ResultsFile}");
        }

        if (curves.FirstOrDefault(r => !agents.Any(a => a.Name == r.Agent)) is { } stray)
        {
            throw new InvalidDataException($"{CurvesFile} has curves of {stray.Agent}, which {ResultsFile} does not list");
        }

        var report = ConvergenceReport.Build(Text(root, "scenario"), (int)Whole(root, "seeds"), Whole(root, "maxInteractions"), runs, NonLearning(root));
        return new ExperimentResults(report, runs);
    }

    /// <summary>The non-learning policies' scores; an experiment from before closed-loop scores kept only the best one's open-loop score.</summary>
    private static List<NonLearningScore> NonLearning(JsonElement root)
    {
        if (!root.TryGetProperty("nonLearning", out var policies))
        {
            var best = Property(root, "bestNonLearning");
            return [new NonLearningScore(Text(best, "name"), double.NaN, double.NaN, Number(best, "score"))];
        }

        return [.. policies.EnumerateArray().Select(p => new NonLearningScore(Text(p, "name"), Number(p, "closedLoopScore"), Number(p, "closedLoopStandardError"), Number(p, "openLoopScore")))];
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{ResultsFile} is not JSON: {e.Message}", e);
        }
    }

    private static JsonElement Property(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new InvalidDataException($"{ResultsFile} has no '{name}' where bench convergence writes one");

    private static string Text(JsonElement parent, string name) =>
        Property(parent, name) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw new InvalidDataException($"{ResultsFile}: '{name}' is not a string");

    private static long Whole(JsonElement parent, string name) =>
        Property(parent, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var whole) ? whole
        : throw new InvalidDataException($"{ResultsFile}: '{name}' is not a whole number");

    /// <summary>A score; null (JSON has no NaN) is NaN.</summary>
    private static double Number(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;
}
