using System.CommandLine;
using System.Globalization;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;
using EdgeControl.Cli.Options;
using EdgeControl.Cli.Plots;
using EdgeControl.Cli.Terminal;
using EdgeControl.CommandLine;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Shifts;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>bench adaptation</c>: every agent learns until real step N, then the environment changes under it; reports the real
/// interactions each needs until its greedy policy holds 0.95 of the changed environment's oracle again, closed loop and
/// open loop, and the regret and missed requirements in between. Runs are child processes, as in <c>bench convergence</c>.
/// </summary>
internal sealed class BenchAdaptationCommand : ActionCommand
{
    public BenchAdaptationCommand()
        : base("adaptation", "The adaptation experiment: every agent learns until real step N, then the environment changes; real interactions until each holds 0.95 of the new oracle again, closed loop and open loop, with the regret and misses in between.")
    {
        Add(Scenario, Shift, At, Agents, Seeds, RecoverWithin, Settings, Out, EvaluateEvery, Jobs, Json);
    }

    public Option<LoadedScenario> Scenario { get; } = CommonOptions.Scenario();

    public Option<IReadOnlyList<EnvironmentShift>> Shift { get; } = ShiftOptions.Shift(required: true);

    public Option<long> At { get; } = new("--at")
    {
        HelpName = "N", Description = "the real step after which the environment changes", Required = true, CustomParser = r => OptionValueParser.WholeNumber(r, 1, 1_000_000_000),
    };

    public Option<IReadOnlyList<string>> Agents { get; } = CommonOptions.Agents();

    public Option<int> Seeds { get; } = CommonOptions.Seeds();

    public Option<long> RecoverWithin { get; } = new("--recover-within")
    {
        HelpName = "R", Description = "real interactions after the shift a run has at most to hold 0.95 again (a run ends once it holds it in both loops)",
        CustomParser = r => OptionValueParser.WholeNumber(r, 100, 1_000_000_000), DefaultValueFactory = _ => 10_000,
    };

    public Option<IReadOnlyDictionary<string, string>?> Settings { get; } = new("--settings")
    {
        HelpName = "AGENT=SETTING,...",
        Description = "each named agent's setting: 'default' or an index in its sweep (as bench convergence's sweep winners are named, e.g. dqn=9); the others run at their default",
        CustomParser = AgentSettings.Parse,
    };

    public Option<string> Out { get; } = new("--out")
    {
        HelpName = "DIR", Description = "directory for results.json, curves.csv and the picture curves.svg and curves.png (created if missing)",
        CustomParser = OptionValues.Directory, DefaultValueFactory = _ => "adaptation",
    };

    public Option<long> EvaluateEvery { get; } = new("--eval-every")
    {
        HelpName = "E", Description = "real interactions between evaluations of the greedy policy, closed loop and open loop (counted from the start, and again from the shift; the gap grows with the count)",
        CustomParser = r => OptionValueParser.WholeNumber(r, 1, 1_000_000_000), DefaultValueFactory = _ => 25,
    };

    public Option<int> Jobs { get; } = CommonOptions.Jobs();

    public Option<bool> Json { get; } = CommonOptions.Json("print results.json instead of the tables (the files are written either way)");

    protected override int Run(ParseResult parsed)
    {
        var scenarioFile = parsed.GetRequiredValue(Scenario);
        var scenario = scenarioFile.Scenario;
        var changed = ShiftOptions.ApplyTo(scenario, parsed.GetRequiredValue(Shift), out var shiftError);
        if (changed is null)
        {
            return UsageError.Report(shiftError!);
        }

        var shift = new ScheduledShift(parsed.GetResult(Shift)!.Tokens.Single().Value, parsed.GetValue(At));
        var agents = parsed.GetRequiredValue(Agents);
        var settings = parsed.GetValue(Settings) ?? new Dictionary<string, string>();
        if (AgentSettings.Problem(settings, agents) is { } settingProblem)
        {
            return UsageError.Report($"option --settings {settingProblem}");
        }

        foreach (var agent in agents)
        {
            var setting = LearnerSettings.Find(agent, settings.GetValueOrDefault(agent, TrainingJob.DefaultSetting))!;
            if ((setting.RefusalOn(scenario) ?? setting.RefusalOn(changed)) is { } reason)
            {
                return UsageError.Report($"option --agents: {agent} cannot run on '{scenario.Name}' (setting {setting.Label}): {reason}; leave it out");
            }
        }

        var outDirectory = parsed.GetRequiredValue(Out);
        if (ExperimentFiles.CreateDirectory(outDirectory) is { } directoryProblem)
        {
            return UsageError.Report($"option --out: {directoryProblem}");
        }

        var seeds = parsed.GetValue(Seeds);
        var recoverWithin = parsed.GetValue(RecoverWithin);
        var evaluateEvery = parsed.GetValue(EvaluateEvery);
        var jobs = parsed.GetValue(Jobs);
        // Runs stop once they hold 0.95 again in both loops after the shift: what is measured is the time to get there.
        var options = new ExperimentOptions(Path.GetFullPath(scenarioFile.Path), agents, seeds, shift.At + recoverWithin, evaluateEvery, Sweep: false, jobs,
            ConvergenceReport.Threshold, shift, settings);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench adaptation on '{scenario.Name}': '{shift.Text}' after {shift.At:N0} real interactions; {string.Join(", ", agents)}; seeds 1..{seeds}; up to {recoverWithin:N0} real interactions to recover; {jobs} job{(jobs == 1 ? "" : "s")} at a time"));
        if (ConvergenceExperiment.RunShowingProgress(options) is not { } outcome)
        {
            return 1;
        }

        var nonLearningAfter = NonLearningBaseline.Score(PolicyEvaluation.Create(changed));
        var report = AdaptationReport.Build(scenario.Name, shift, seeds, recoverWithin, outcome.Agents, nonLearningAfter);
        var results = AdaptationJson.Write(report, evaluateEvery);
        var written = WriteFiles(outDirectory, report, outcome, results);
        if (parsed.GetValue(Json))
        {
            Console.WriteLine(results);
        }
        else
        {
            AdaptationTable.Write(Console.Out, report, TerminalOutput.IsInteractive(Console.IsOutputRedirected, Environment.GetEnvironmentVariable));
            Console.WriteLine($"wrote {string.Join(", ", written.Select(Path.GetFileName))} to {Path.GetFullPath(outDirectory)}");
        }

        return 0;
    }

    /// <summary>Writes the experiment's files; returns their paths.</summary>
    private static List<string> WriteFiles(string directory, AdaptationReport report, ExperimentOutcome outcome, string results)
    {
        var written = ExperimentFiles.WriteResultsAndCurves(directory, results, outcome.Agents);

        var figure = AdaptationFigure.From(report, outcome.Agents);
        var (svg, png) = (Path.Combine(directory, LearningCurveFiles.Names[0]), Path.Combine(directory, LearningCurveFiles.Names[1]));
        LearningCurvePlot.SaveSvg(figure, svg);
        LearningCurvePlot.SavePng(figure, png);
        written.AddRange([svg, png]);
        return written;
    }
}
