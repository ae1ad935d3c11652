using System.Globalization;
using EdgeControl.Cli.Terminal;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// The experiment's jobs as progress: a result line per finished job, and what is running (each job's interactions
/// and closed-loop score so far), shown by <paramref name="display"/>: a bar in a terminal, plain lines otherwise.
/// </summary>
internal sealed class ExperimentProgress(ProgressDisplay display)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TrainingJob, ProgressPoint?> _running = [];

    public void Planned(int jobs) => display.Planned(jobs);

    public void Note(string message) => display.Note(message);

    public void Started(TrainingJob job) => Update(() => _running[job] = null);

    public void Advanced(TrainingJob job, ProgressPoint point) => Update(() => _running[job] = point);

    public void Finished(TrainingJob job, JobOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var run = outcome.Run;
        var reached = outcome.StoppedAt is { } stopped
            ? string.Create(CultureInfo.InvariantCulture, $"stopped at {stopped:N0} interactions, another setting held 0.95 sooner")
            : $"{Reached(run, ScoreLoop.Closed)}, {Reached(run, ScoreLoop.Open)}";
        lock (_lock)
        {
            _running.Remove(job);
            display.Completed(string.Create(CultureInfo.InvariantCulture,
                    $"{job.Title}: {reached}, final score {run.FinalScore(ScoreLoop.Closed):0.000} closed / {run.FinalScore(ScoreLoop.Open):0.000} open loop, {run.WallSeconds:0.0} s"),
                _running.Count);
        }
    }

    /// <summary>A job that ended without a result (the experiment failed or was cancelled).</summary>
    public void Abandoned(TrainingJob job) => Update(() => _running.Remove(job));

    private static string Reached(SeedRun run, ScoreLoop loop)
    {
        var name = loop == ScoreLoop.Closed ? "closed loop" : "open loop";
        return run.InteractionsTo(ConvergenceReport.Threshold, loop) is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"0.95 held {name} from {at:N0}")
            : string.Create(CultureInfo.InvariantCulture, $"0.95 not held {name} in {run.Curve[^1].RealInteractions:N0}");
    }

    private void Update(Action change)
    {
        lock (_lock)
        {
            change();
            if (_running.Count > 0)
            {
                display.Running(string.Join("; ", _running.Select(r => r.Value is { } at
                    ? string.Create(CultureInfo.InvariantCulture, $"{r.Key.Title} at {at.Interactions:N0} (closed-loop score {at.ClosedLoopScore:0.000})")
                    : $"{r.Key.Title} starting")));
            }
        }
    }
}
