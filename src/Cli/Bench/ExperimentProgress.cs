using System.Diagnostics;
using System.Globalization;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// Progress of a running experiment on stderr: one line per finished job, and when nothing has
/// finished for a while, one line saying what is running and how far it got.
/// </summary>
internal sealed class ExperimentProgress : IDisposable
{
    private readonly TextWriter _output;
    private readonly TimeSpan _quietFor;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly Dictionary<TrainingJob, (long Interactions, double Score)> _running = [];
    private readonly Timer _heartbeat;
    private TimeSpan _lastWrite;
    private int _done;
    private int _total;

    public ExperimentProgress(TextWriter output, TimeSpan quietFor)
    {
        _output = output;
        _quietFor = quietFor;
        var tick = quietFor / 4;
        _heartbeat = new Timer(_ => Heartbeat(), null, tick, tick);
    }

    public void Planned(int jobs)
    {
        lock (_lock)
        {
            _total += jobs;
        }
    }

    public void Note(string message)
    {
        lock (_lock)
        {
            Write(message);
        }
    }

    public void Started(TrainingJob job)
    {
        lock (_lock)
        {
            _running[job] = (0, double.NaN);
        }
    }

    public void Advanced(TrainingJob job, ProgressPoint point)
    {
        lock (_lock)
        {
            _running[job] = (point.Interactions, point.ClosedLoopScore);
        }
    }

    public void Finished(TrainingJob job, JobOutcome outcome)
    {
        lock (_lock)
        {
            _running.Remove(job);
            _done++;
            var run = outcome.Run;
            var reached = outcome.StoppedAt is { } stopped
                ? string.Create(CultureInfo.InvariantCulture, $"stopped at {stopped:N0} interactions, another setting held 0.95 sooner")
                : $"{Reached(run, ScoreLoop.Closed)}, {Reached(run, ScoreLoop.Open)}";
            Write(string.Create(CultureInfo.InvariantCulture,
                $"{_done}/{_total} done, {_running.Count} running | {job.Title}: {reached}, final score {run.FinalScore(ScoreLoop.Closed):0.000} closed / {run.FinalScore(ScoreLoop.Open):0.000} open loop, {run.WallSeconds:0.0} s"));
        }
    }

    public void Abandoned(TrainingJob job)
    {
        lock (_lock)
        {
            _running.Remove(job);
        }
    }

    public void Dispose() => _heartbeat.Dispose();

    private static string Reached(SeedRun run, ScoreLoop loop)
    {
        var name = loop == ScoreLoop.Closed ? "closed loop" : "open loop";
        return run.InteractionsTo(ConvergenceReport.Threshold, loop) is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"0.95 held {name} from {at:N0}")
            : string.Create(CultureInfo.InvariantCulture, $"0.95 not held {name} in {run.Curve[^1].RealInteractions:N0}");
    }

    private void Heartbeat()
    {
        lock (_lock)
        {
            if (_running.Count == 0 || _clock.Elapsed - _lastWrite < _quietFor)
            {
                return;
            }

            var running = _running.Select(r => double.IsNaN(r.Value.Score)
                ? $"{r.Key.Title} starting"
                : string.Create(CultureInfo.InvariantCulture, $"{r.Key.Title} at {r.Value.Interactions:N0} (closed-loop score {r.Value.Score:0.000})"));
            Write(string.Create(CultureInfo.InvariantCulture, $"{_done}/{_total} done | running: {string.Join("; ", running)}"));
        }
    }

    private void Write(string message)
    {
        _lastWrite = _clock.Elapsed;
        var elapsed = _clock.Elapsed;
        var stamp = elapsed.TotalHours >= 1
            ? elapsed.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : elapsed.ToString(@"m\:ss", CultureInfo.InvariantCulture);
        _output.WriteLine($"[{stamp}] {message}");
    }
}
