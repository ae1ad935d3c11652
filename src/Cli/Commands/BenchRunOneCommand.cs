using System.Globalization;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;
using EdgeControl.Cli.Checkpoints;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>bench run-one</c>: one training run of the convergence experiment in a process of its own (what the experiment's
/// child processes run). Progress lines go to stderr, the run as one JSON line to stdout; <c>--save-checkpoint FILE</c>
/// also writes the trained learner for <c>simulate --checkpoint</c>.
/// </summary>
internal static class BenchRunOneCommand
{
    public static int Run(CommandLine line)
    {
        var scenario = ScenarioLoader.Load(line.RequiredText("scenario"));
        var agent = line.RequiredText("agent");
        var settingName = line.Text("setting") ?? TrainingJob.DefaultSetting;
        var seed = line.Integer("seed", 1, 0, long.MaxValue);
        var maxInteractions = line.Integer("max-interactions", 10_000, 1, 1_000_000_000);
        var evaluateEvery = line.Integer("eval-every", 25, 1, 1_000_000_000);
        var stopAtText = line.Text("stop-at");
        var checkpointPath = line.Text("save-checkpoint");
        line.EnsureAllUsed(positionals: 0);
        double? stopAt = stopAtText is null ? null
            : double.TryParse(stopAtText, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s
            : throw new UsageException($"option --stop-at must be a score such as 0.95 (got '{stopAtText}')");
        var setting = LearnerSettings.Resolve(agent, settingName);
        if (checkpointPath is not null)
        {
            CreateDirectoryOf(checkpointPath);
        }

        TorchThreads.UseOne();
        var evaluation = PolicyEvaluation.Create(scenario);
        var learner = setting.Create(scenario, seed);
        try
        {
            var checkpointable = learner as ICheckpointable;
            if (checkpointPath is not null && checkpointable is null)
            {
                throw new UsageException($"option --save-checkpoint: a '{agent}' learner cannot be saved");
            }

            var progress = new StderrCurveProgress();
            var result = Trainer.Run(learner, evaluation, new TrainingOptions(maxInteractions, evaluateEvery, seed, stopAt), progress);
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

    // Before training, so a path that cannot be written fails at once rather than after the run.
    private static void CreateDirectoryOf(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"option --save-checkpoint: cannot create the directory of '{path}' ({e.Message})");
        }
    }

    private sealed class StderrCurveProgress : IProgress<CurvePoint>
    {
        public void Report(CurvePoint value) =>
            Console.Error.WriteLine(JobProtocol.ProgressLine(new ProgressPoint(value.RealInteractions, value.ClosedLoopScore, value.Score, value.WallSeconds)));
    }
}
