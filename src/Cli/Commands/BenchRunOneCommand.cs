using System.Globalization;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Bench;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>bench run-one</c> (internal, not in the usage text): one training run of the convergence
/// experiment in a process of its own. Progress lines go to stderr, the run as one JSON line to stdout.
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
        line.EnsureAllUsed(positionals: 0);
        double? stopAt = stopAtText is null ? null
            : double.TryParse(stopAtText, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s
            : throw new UsageException($"option --stop-at must be a score such as 0.95 (got '{stopAtText}')");
        var setting = LearnerSettings.Resolve(agent, settingName);

        TorchThreads.UseOne();
        var evaluation = PolicyEvaluation.Create(scenario);
        var learner = setting.Create(scenario, seed);
        try
        {
            var progress = new StderrCurveProgress();
            var result = Trainer.Run(learner, evaluation, new TrainingOptions(maxInteractions, evaluateEvery, seed, stopAt), progress);
            Console.Out.WriteLine(JobProtocol.ResultLine(new SeedRun(agent, setting.Label, seed, result.WallSeconds, result.Curve)));
        }
        finally
        {
            (learner as IDisposable)?.Dispose();
        }

        return 0;
    }

    private sealed class StderrCurveProgress : IProgress<CurvePoint>
    {
        public void Report(CurvePoint value) => Console.Error.WriteLine(JobProtocol.ProgressLine(new ProgressPoint(value.RealInteractions, value.Score, value.WallSeconds)));
    }
}
