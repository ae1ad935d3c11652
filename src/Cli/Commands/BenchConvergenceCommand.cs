using System.CommandLine;
using System.Globalization;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;
using EdgeControl.Cli.Options;
using EdgeControl.Cli.Plots;
using EdgeControl.Cli.Terminal;
using EdgeControl.CommandLine;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>bench convergence</c>: the experiment of issue 3. Sweeps the baselines, trains every agent on
/// N seeds, and reports real interactions to converge, speedups and the cost of learning, closed loop and open loop.
/// </summary>
internal sealed class BenchConvergenceCommand : ActionCommand
{
    public BenchConvergenceCommand()
        : base("convergence", "The convergence experiment: real interactions each agent needs until its greedy policy holds 0.95, closed loop and open loop, with the speedups and cost of learning of hl over the baselines.")
    {
        Add(Scenario, Agents, Seeds, MaxInteractions, Out, EvaluateEvery, NoSweep, StopWhenHeld, Jobs, Json);
    }

    public Option<LoadedScenario> Scenario { get; } = CommonOptions.Scenario();

    public Option<IReadOnlyList<string>> Agents { get; } = CommonOptions.Agents();

    public Option<int> Seeds { get; } = CommonOptions.Seeds();

    public Option<long> MaxInteractions { get; } = new("--max-interactions")
    {
        HelpName = "M", Description = "real interactions per run at most", Required = true, CustomParser = r => OptionValueParser.WholeNumber(r, 100, 1_000_000_000),
    };

    public Option<string> Out { get; } = new("--out")
    {
        HelpName = "DIR", Description = "directory for results.json, curves.csv, the picture curves.svg and curves.png, and after a sweep sweep.csv (created if missing)", Required = true,
        CustomParser = OptionValues.Directory,
    };

    public Option<long> EvaluateEvery { get; } = new("--eval-every")
    {
        HelpName = "E", Description = "real interactions between evaluations of the greedy policy, closed loop and open loop (the gap grows with the step count)",
        CustomParser = r => OptionValueParser.WholeNumber(r, 1, 1_000_000_000), DefaultValueFactory = _ => 25,
    };

    public Option<bool> NoSweep { get; } = new("--no-sweep") { Description = "train every agent at its default setting. Without it, each baseline with several settings is first tuned over its documented sweep on tuning seed 1000, and the setting that holds 0.95 closed loop in the fewest real interactions is used" };

    public Option<double?> StopWhenHeld { get; } = new("--stop-when-held")
    {
        HelpName = "S",
        Description = "end a run once it holds score S in both loops (its final scores are then those where it stopped); runs that never hold S go on to M. Without it: every run goes to M",
        CustomParser = OptionValues.Score,
    };

    public Option<int> Jobs { get; } = CommonOptions.Jobs();

    public Option<bool> Json { get; } = CommonOptions.Json("print results.json instead of the tables (the files are written either way)");

    protected override int Run(ParseResult parsed)
    {
        var scenarioFile = parsed.GetRequiredValue(Scenario);
        var scenario = scenarioFile.Scenario;
        var agents = parsed.GetRequiredValue(Agents);
        var seeds = parsed.GetValue(Seeds);
        var maxInteractions = parsed.GetValue(MaxInteractions);
        var evaluateEvery = parsed.GetValue(EvaluateEvery);
        var jobs = parsed.GetValue(Jobs);
        var outDirectory = parsed.GetRequiredValue(Out);
        var sweep = !parsed.GetValue(NoSweep);
        var stopWhenHeld = parsed.GetValue(StopWhenHeld);
        foreach (var agent in agents)
        {
            // Before any run: a setting that cannot be built on this scenario would fail its child process half-way through.
            var settings = sweep ? LearnerCatalog.Sweep(agent) : [LearnerCatalog.Default(agent)];
            if (settings.Select(s => (s.Label, Reason: s.RefusalOn(scenario))).FirstOrDefault(s => s.Reason is not null) is { Reason: { } reason } refused)
            {
                return UsageError.Report($"option --agents: {agent} cannot run on '{scenario.Name}' (setting {refused.Label}): {reason}; leave it out");
            }
        }

        if (ExperimentFiles.CreateDirectory(outDirectory) is { } directoryProblem)
        {
            return UsageError.Report($"option --out: {directoryProblem}");
        }

        var options = new ExperimentOptions(Path.GetFullPath(scenarioFile.Path), agents, seeds, maxInteractions, evaluateEvery, sweep, jobs, stopWhenHeld);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench convergence on '{scenario.Name}': {string.Join(", ", agents)}; seeds 1..{seeds}; up to {maxInteractions:N0} real interactions; {jobs} job{(jobs == 1 ? "" : "s")} at a time"));
        if (ConvergenceExperiment.RunShowingProgress(options) is not { } outcome)
        {
            return 1;
        }

        var nonLearning = NonLearningBaseline.Score(PolicyEvaluation.Create(scenario));
        var report = ConvergenceReport.Build(scenario.Name, seeds, maxInteractions, outcome.Agents, nonLearning);
        var results = ResultsJson.Write(report, evaluateEvery, sweep ? ConvergenceExperiment.TuningSeed : null, stopWhenHeld);
        var written = WriteFiles(outDirectory, report, outcome, results);

        if (parsed.GetValue(Json))
        {
            Console.WriteLine(results);
        }
        else
        {
            foreach (var chosen in outcome.Sweep.GroupBy(e => e.Agent).Select(g => SweepEntry.Best(g, maxInteractions)))
            {
                Console.WriteLine($"sweep winner {chosen.Agent} (fewest interactions to hold 0.95 closed loop on the tuning seed): #{chosen.Index} {chosen.Label}");
            }

            ConvergenceTable.Write(Console.Out, report, TerminalOutput.IsInteractive(Console.IsOutputRedirected, Environment.GetEnvironmentVariable));
            Console.WriteLine($"wrote {string.Join(", ", written.Select(Path.GetFileName))} to {Path.GetFullPath(outDirectory)}");
        }

        return 0;
    }

    /// <summary>Writes the experiment's files; returns their paths.</summary>
    private static List<string> WriteFiles(string directory, ConvergenceReport report, ExperimentOutcome outcome, string results)
    {
        var written = ExperimentFiles.WriteResultsAndCurves(directory, results, outcome.Agents);

        written.AddRange(LearningCurveFiles.Write(directory, report, outcome.Agents));
        var sweepFile = Path.Combine(directory, "sweep.csv");
        if (outcome.Sweep.Count > 0)
        {
            using var sweep = new StreamWriter(sweepFile);
            SweepCsv.Write(sweep, outcome.Sweep);
            written.Add(sweepFile);
        }
        else
        {
            File.Delete(sweepFile); // from an earlier run into the same directory: it would not describe this one
        }

        return written;
    }
}
