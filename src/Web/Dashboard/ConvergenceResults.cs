using System.Globalization;
using System.Text.Json;
using EdgeControl.Core.Evaluation;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Dashboard;

/// <summary>
/// Reads what <c>edgecontrol bench convergence</c> wrote for a scenario (curves.csv and results.json, see
/// src/Cli/Bench/CurvesCsv.cs and ResultsJson.cs), so the Learning page can draw the baselines beside the live run.
/// </summary>
/// <remarks>
/// Error messages name files within the results directory (<c>paper-mobilenet/curves.csv</c>), never where the server
/// keeps it: the Learning page shows them, and it shows no server paths.
/// </remarks>
internal sealed partial class ConvergenceResults(IOptions<DashboardOptions> options, ILogger<ConvergenceResults> logger)
{
    /// <summary>curves.csv with both scores, closed loop first (the score column is the 4th in both headers).</summary>
    private const string CurvesHeader = "agent,seed,interactions,closedLoopScore,openLoopScore,wallSeconds,cumulativeRegret,violations,modelLoss";

    /// <summary>curves.csv of experiments run before closed-loop scores: its one score is the open-loop one.</summary>
    private const string OpenLoopCurvesHeader = "agent,seed,interactions,score,wallSeconds,cumulativeRegret,violations,modelLoss";

    /// <summary>The scenario's experiment, or null when the results directory has none for it.</summary>
    public async Task<ConvergenceExperiment?> LoadAsync(string scenario, CancellationToken cancellationToken)
    {
        // The scenario name comes from the database: never let it leave the results directory.
        if (scenario.Length == 0 || scenario is "." or ".." || scenario.IndexOfAny([.. Path.GetInvalidFileNameChars(), '/', '\\']) >= 0)
        {
            return null;
        }

        try
        {
            return await ReadAsync(scenario, cancellationToken);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Their messages hold the file's absolute path: the log gets it, the page does not.
            LogUnreadable(logger, scenario, error);
            throw new InvalidDataException($"the files in {scenario}/ could not be read ({error.GetType().Name}; the server log has the details)", error);
        }
    }

    private async Task<ConvergenceExperiment?> ReadAsync(string scenario, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(options.Value.ResultsDirectory, scenario);
        var curvesPath = Path.Combine(directory, "curves.csv");
        if (!File.Exists(curvesPath))
        {
            return null;
        }

        var lines = await File.ReadAllLinesAsync(curvesPath, cancellationToken);
        var loop = lines.Length == 0 ? (ScoreLoop?)null : lines[0] switch
        {
            CurvesHeader => ScoreLoop.Closed,
            OpenLoopCurvesHeader => ScoreLoop.Open,
            _ => null,
        };
        if (loop is null)
        {
            throw new InvalidDataException($"{scenario}/curves.csv does not start with the header '{CurvesHeader}' (or, from before closed-loop scores, '{OpenLoopCurvesHeader}').");
        }

        var summaries = await ReadSummariesAsync(Path.Combine(directory, "results.json"), cancellationToken);
        return new ConvergenceExperiment(scenario, MeanCurves(lines.Skip(1), loop.Value), summaries);
    }

    /// <summary>
    /// The mean score of <paramref name="loop"/> at each evaluation over the seeds still running there (seeds may stop
    /// early once they hold the target) and scored there (an empty field: not measured).
    /// </summary>
    private static List<BaselineCurve> MeanCurves(IEnumerable<string> rows, ScoreLoop loop)
    {
        var byAgent = new Dictionary<string, SortedDictionary<long, (double Sum, int Count)>>(StringComparer.Ordinal);
        var seeds = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var row in rows)
        {
            if (row.Length == 0)
            {
                continue;
            }

            // Agent names are plain identifiers, so the fields never need CSV quoting.
            var fields = row.Split(',');
            var agent = fields[0];
            if (!byAgent.TryGetValue(agent, out var points))
            {
                points = [];
                byAgent.Add(agent, points);
                seeds.Add(agent, new HashSet<string>(StringComparer.Ordinal));
                order.Add(agent);
            }

            seeds[agent].Add(fields[1]);
            if (fields[3].Length == 0)
            {
                continue;
            }

            var interactions = long.Parse(fields[2], CultureInfo.InvariantCulture);
            var score = double.Parse(fields[3], CultureInfo.InvariantCulture);
            var (sum, count) = points.GetValueOrDefault(interactions);
            points[interactions] = (sum + score, count + 1);
        }

        return [.. order.Select(agent => new BaselineCurve(
            agent,
            [.. byAgent[agent].Keys],
            [.. byAgent[agent].Values.Select(v => v.Sum / v.Count)],
            seeds[agent].Count,
            loop))];
    }

    private static async Task<List<BaselineSummary>> ReadSummariesAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        await using var stream = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var summaries = new List<BaselineSummary>();
        foreach (var agent in document.RootElement.GetProperty("agents").EnumerateArray())
        {
            // Experiments with both scores keep each loop's figures under closedLoop and openLoop; older ones, the
            // open loop's at the top.
            var (scores, loop) = agent.TryGetProperty("closedLoop", out var closed) ? (closed, ScoreLoop.Closed) : (agent, ScoreLoop.Open);
            var converge = scores.GetProperty("interactionsToConverge");
            summaries.Add(new BaselineSummary(
                agent.GetProperty("name").GetString() ?? "?",
                agent.GetProperty("setting").GetString() ?? string.Empty,
                converge.GetProperty("median").ValueKind == JsonValueKind.Number ? converge.GetProperty("median").GetInt64() : null,
                converge.GetProperty("lowerBound").GetBoolean(),
                scores.GetProperty("finalScore").ValueKind == JsonValueKind.Number ? scores.GetProperty("finalScore").GetDouble() : null,
                loop));
        }

        return summaries;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the convergence experiment of {Scenario}")]
    private static partial void LogUnreadable(ILogger logger, string scenario, Exception error);
}
