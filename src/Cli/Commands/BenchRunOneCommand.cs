using System.CommandLine;
using System.Globalization;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;
using EdgeControl.Cli.Checkpoints;
using EdgeControl.Cli.Options;
using EdgeControl.CommandLine;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Shifts;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>bench run-one</c>: one training run of the convergence experiment in a process of its own (what the experiment's
/// child processes run). Progress lines go to stderr, the run as one JSON line to stdout; <c>--save-checkpoint FILE</c>
/// also writes the trained learner for <c>simulate --checkpoint</c>.
/// </summary>
internal sealed class BenchRunOneCommand : ActionCommand
{
    public BenchRunOneCommand()
        : base("run-one", "One training run of the convergence experiment (what its child processes run): progress lines on stderr, the learning curve as one JSON line on stdout.")
    {
        Add(Scenario, Agent, Setting, Seed, MaxInteractions, EvaluateEvery, StopAt, SaveCheckpoint, Shift, ShiftAt);
        Validators.Add(result =>
        {
            // Which settings there are depends on the agent, so the two are checked together (an unknown agent is --agent's own error).
            var agent = result.GetResult(Agent)?.Tokens.SingleOrDefault()?.Value;
            var setting = result.GetResult(Setting)?.Tokens.SingleOrDefault()?.Value ?? TrainingJob.DefaultSetting;
            if (agent is not null && LearnerCatalog.Agents.Contains(agent) && LearnerSettings.Find(agent, setting) is null)
            {
                result.AddError($"option --setting must be '{TrainingJob.DefaultSetting}' or a sweep index 0..{LearnerCatalog.Sweep(agent).Count - 1} of {agent} (got '{setting}').");
            }

            if ((result.GetResult(Shift) is null) != (result.GetResult(ShiftAt) is null))
            {
                result.AddError("options --shift and --shift-at go together: the shift, and the real step after which it happens.");
            }
        });
    }

    public Option<LoadedScenario> Scenario { get; } = CommonOptions.Scenario();

    public Option<string> Agent { get; } = new("--agent")
    {
        HelpName = "A", Description = $"the agent to train: {string.Join(", ", LearnerCatalog.Agents)}", Required = true,
        CustomParser = r => OptionValues.OneOf(r, LearnerCatalog.Agents),
    };

    public Option<string> Setting { get; } = new("--setting")
    {
        HelpName = "default|INDEX", Description = "the agent's default setting, or the index of a setting in its sweep", DefaultValueFactory = _ => TrainingJob.DefaultSetting,
    };

    public Option<long> Seed { get; } = new("--seed")
    {
        HelpName = "S", Description = "training seed", CustomParser = r => OptionValueParser.WholeNumber(r, 0, long.MaxValue), DefaultValueFactory = _ => 1,
    };

    public Option<long> MaxInteractions { get; } = new("--max-interactions")
    {
        HelpName = "M", Description = "real interactions to train for", CustomParser = r => OptionValueParser.WholeNumber(r, 1, 1_000_000_000), DefaultValueFactory = _ => 10_000,
    };

    public Option<long> EvaluateEvery { get; } = new("--eval-every")
    {
        HelpName = "E", Description = "real interactions between evaluations of the greedy policy (the gap grows with the step count)",
        CustomParser = r => OptionValueParser.WholeNumber(r, 1, 1_000_000_000), DefaultValueFactory = _ => 25,
    };

    public Option<double?> StopAt { get; } = new("--stop-at")
    {
        HelpName = "S", Description = "stop once the run holds score S in both loops; without it: train for M", CustomParser = OptionValues.Score,
    };

    public Option<string?> SaveCheckpoint { get; } = new("--save-checkpoint")
    {
        HelpName = "FILE", Description = "write the trained learner to FILE (its directory is created) for simulate --checkpoint; without it: none",
        CustomParser = OptionValues.FileToWrite,
    };

    public Option<IReadOnlyList<EnvironmentShift>> Shift { get; } = ShiftOptions.Shift(required: false);

    public Option<long> ShiftAt { get; } = new("--shift-at")
    {
        HelpName = "N", Description = "the real step after which --shift happens (bench adaptation's child runs)", CustomParser = r => OptionValueParser.WholeNumber(r, 1, 1_000_000_000),
    };

    protected override int Run(ParseResult parsed)
    {
        var scenario = parsed.GetRequiredValue(Scenario).Scenario;
        var agent = parsed.GetRequiredValue(Agent);
        var settingName = parsed.GetRequiredValue(Setting);
        var seed = parsed.GetValue(Seed);
        var checkpointPath = parsed.GetValue(SaveCheckpoint);
        var setting = LearnerSettings.Find(agent, settingName)!;
        // Before training, so a path that cannot be written fails at once rather than after the run.
        if (checkpointPath is not null && CreateDirectoryOf(checkpointPath) is { } problem)
        {
            return UsageError.Report($"option --save-checkpoint: cannot create the directory of '{checkpointPath}' ({problem})");
        }

        EnvironmentChange? change = null;
        if (parsed.GetValue(Shift) is { } shifts)
        {
            var changed = ShiftOptions.ApplyTo(scenario, shifts, out var shiftError);
            if (changed is null)
            {
                return UsageError.Report(shiftError!);
            }

            change = new EnvironmentChange(parsed.GetValue(ShiftAt), changed);
        }

        TorchThreads.UseOne();
        var evaluation = PolicyEvaluation.Create(scenario);
        var learner = setting.Create(scenario, seed);
        try
        {
            var checkpointable = learner as ICheckpointable;
            if (checkpointPath is not null && checkpointable is null)
            {
                return UsageError.Report($"option --save-checkpoint: a '{agent}' learner cannot be saved");
            }

            var options = new TrainingOptions(parsed.GetValue(MaxInteractions), parsed.GetValue(EvaluateEvery), seed, parsed.GetValue(StopAt), change);
            var result = Trainer.Run(learner, evaluation, options, new TrainingHooks { Evaluated = ReportProgress });
            if (checkpointPath is not null)
            {
                var header = CheckpointHeader.Of(agent, settingName, setting.Label, seed, scenario, learner.RealSteps);
                if (!Save(checkpointPath, header, checkpointable!))
                {
                    return 1;
                }
            }

            Console.Out.WriteLine(JobProtocol.ResultLine(new SeedRun(agent, setting.Label, seed, result.WallSeconds, result.Curve)));
        }
        finally
        {
            (learner as IDisposable)?.Dispose();
        }

        return 0;
    }

    private static bool Save(string path, CheckpointHeader header, ICheckpointable learner)
    {
        try
        {
            LearnerCheckpointFile.Write(path, header, learner);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"edgecontrol: could not write the checkpoint to '{path}': {e.Message}");
            return false;
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote the checkpoint of {header.Agent} ({header.SettingLabel}) after {header.RealInteractions:N0} real interactions on '{header.Scenario}' to {Path.GetFullPath(path)}"));
        return true;
    }

    /// <summary>Creates the directory of <paramref name="path"/>; what went wrong, or null.</summary>
    private static string? CreateDirectoryOf(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return e.Message;
        }
    }

    private static void ReportProgress(CurvePoint point) =>
        Console.Error.WriteLine(JobProtocol.ProgressLine(new ProgressPoint(point.RealInteractions, point.ClosedLoopScore, point.Score, point.WallSeconds)));
}
