using System.Globalization;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>bench convergence</c>: the experiment of issue 3. Sweeps the baselines, trains every agent on
/// N seeds, and reports real interactions to converge, speedups and the cost of learning, closed loop and open loop.
/// </summary>
internal static class BenchConvergenceCommand
{
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(30);

    public static int Run(CommandLine line)
    {
        var scenarioPath = line.RequiredText("scenario");
        var agentsText = line.RequiredText("agents");
        var seeds = (int)line.RequiredInteger("seeds", 1, 1000);
        var maxInteractions = line.RequiredInteger("max-interactions", 100, 1_000_000_000);
        var evaluateEvery = line.Integer("eval-every", 25, 1, 1_000_000_000);
        var jobs = (int)line.Integer("jobs", Environment.ProcessorCount, 1, 256);
        var outDirectory = line.RequiredText("out");
        var sweep = !line.Flag("no-sweep");
        var json = line.Flag("json");
        var stopWhenHeld = line.Text("stop-when-held") is { } stopText ? ParseScore("stop-when-held", stopText) : (double?)null;
        line.EnsureAllUsed(positionals: 0);
        var agents = ParseAgents(agentsText);

        var scenario = ScenarioLoader.Load(scenarioPath);
        CreateOutputDirectory(outDirectory);
        var options = new ExperimentOptions(Path.GetFullPath(scenarioPath), agents, seeds, maxInteractions, evaluateEvery, sweep, jobs, stopWhenHeld);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench convergence on '{scenario.Name}': {string.Join(", ", agents)}; seeds 1..{seeds}; up to {maxInteractions:N0} real interactions; {jobs} job{(jobs == 1 ? "" : "s")} at a time"));

        ExperimentOutcome outcome;
        using (var progress = new ExperimentProgress(Console.Error, QuietFor))
        {
            try
            {
                outcome = new ConvergenceExperiment(options, progress).RunAsync(CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (JobFailedException e)
            {
                Console.Error.WriteLine($"edgecontrol: {e.Message}");
                return 1;
            }
        }

        var nonLearning = NonLearningBaseline.Score(PolicyEvaluation.Create(scenario));
        var report = ConvergenceReport.Build(scenario.Name, seeds, maxInteractions, outcome.Agents, nonLearning);
        var results = ResultsJson.Write(report, evaluateEvery, sweep ? ConvergenceExperiment.TuningSeed : null, stopWhenHeld);
        WriteFiles(outDirectory, report, outcome, results);

        if (json)
        {
            Console.WriteLine(results);
        }
        else
        {
            foreach (var chosen in outcome.Sweep.GroupBy(e => e.Agent).Select(g => SweepEntry.Best(g, maxInteractions)))
            {
                Console.WriteLine($"sweep winner {chosen.Agent} (fewest interactions to hold 0.95 closed loop on the tuning seed): #{chosen.Index} {chosen.Label}");
            }

            Console.Write(ConvergenceTable.Format(report));
            Console.WriteLine($"wrote {string.Join(", ", OutputFiles(outDirectory, outcome).Select(Path.GetFileName))} to {Path.GetFullPath(outDirectory)}");
        }

        return 0;
    }

    private static void CreateOutputDirectory(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"option --out: cannot create directory '{directory}' ({e.Message})");
        }
    }

    private static double ParseScore(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && score is > 0 and <= 1
            ? score
            : throw new UsageException($"option --{option} must be a score in (0, 1], such as 0.98 (got '{text}')");

    private static List<string> ParseAgents(string text)
    {
        var agents = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (agents.Count == 0)
        {
            throw new UsageException($"option --agents needs at least one of {string.Join(", ", LearnerCatalog.Agents)}");
        }

        var unknown = agents.FirstOrDefault(a => !LearnerCatalog.Agents.Contains(a));
        if (unknown is not null)
        {
            throw new UsageException($"option --agents: unknown agent '{unknown}' (known: {string.Join(", ", LearnerCatalog.Agents)})");
        }

        var twice = agents.GroupBy(a => a, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? agents : throw new UsageException($"option --agents names '{twice.Key}' twice");
    }

    private static void WriteFiles(string directory, ConvergenceReport report, ExperimentOutcome outcome, string results)
    {
        File.WriteAllText(Path.Combine(directory, "results.json"), results + Environment.NewLine);
        using (var curves = new StreamWriter(Path.Combine(directory, "curves.csv")))
        {
            CurvesCsv.Write(curves, outcome.Agents);
        }

        LearningCurveSvg.Build(report, outcome.Agents).Save(Path.Combine(directory, "curves.svg"));
        var sweepFile = Path.Combine(directory, "sweep.csv");
        if (outcome.Sweep.Count > 0)
        {
            using var sweep = new StreamWriter(sweepFile);
            SweepCsv.Write(sweep, outcome.Sweep);
        }
        else
        {
            File.Delete(sweepFile); // from an earlier run into the same directory: it would not describe this one
        }
    }

    private static IEnumerable<string> OutputFiles(string directory, ExperimentOutcome outcome)
    {
        string[] files = ["results.json", "curves.csv", "curves.svg"];
        return (outcome.Sweep.Count > 0 ? [.. files, "sweep.csv"] : files).Select(f => Path.Combine(directory, f));
    }
}
