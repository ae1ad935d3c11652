using System.Globalization;
using System.Runtime.ExceptionServices;
using EdgeControl.Agents.Training;
using EdgeControl.Cli.Terminal;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// Runs the convergence experiment: per agent, the sweep on a tuning seed (baselines with more than
/// one setting; the winner is judged closed loop), then the main runs at the winning setting on seeds 1..N. Every run is a child
/// process; at most <see cref="ExperimentOptions.Jobs"/> run at once, and an agent's main runs start
/// as soon as its own sweep is done.
/// </summary>
internal sealed class ConvergenceExperiment(ExperimentOptions options, ExperimentProgress progress)
{
    /// <summary>The sweep's seed: not one of the reported seeds, so the baselines are not tuned on the runs they are judged by.</summary>
    public const long TuningSeed = 1000;

    /// <summary>How long progress may be silent when stderr is not a terminal.</summary>
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(30);

    /// <summary>Runs the experiment with its progress on stderr; null, after saying why there, when a run failed.</summary>
    public static ExperimentOutcome? RunShowingProgress(ExperimentOptions options)
    {
        try
        {
            using var display = ProgressDisplay.Create(Console.Error, Console.IsErrorRedirected, QuietFor);
            return new ConvergenceExperiment(options, new ExperimentProgress(display)).RunAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (JobFailedException e)
        {
            Console.Error.WriteLine($"edgecontrol: {e.Message}");
            return null;
        }
    }

    public async Task<ExperimentOutcome> RunAsync(CancellationToken cancellation)
    {
        using var slots = new SemaphoreSlim(options.Jobs);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        progress.Planned(options.Agents.Sum(a => SweepSize(a) + options.Seeds));
        var sweeps = new List<SweepEntry>[options.Agents.Count];
        var tasks = options.Agents.Select((agent, i) => RunAgentAsync(agent, sweeps[i] = [], slots, failed)).ToList();
        try
        {
            var runs = await Task.WhenAll(tasks).ConfigureAwait(false);
            return new ExperimentOutcome(runs, sweeps.SelectMany(s => s).ToList());
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            // A failed job cancelled the others: report the failure, not a cancellation.
            var failure = tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).FirstOrDefault(e => e is not OperationCanceledException);
            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            throw;
        }
    }

    private int SweepSize(string agent) => options.Sweep && LearnerCatalog.Sweep(agent).Count > 1 ? LearnerCatalog.Sweep(agent).Count : 0;

    private async Task<AgentRuns> RunAgentAsync(string agent, List<SweepEntry> sweep, SemaphoreSlim slots, CancellationTokenSource failed)
    {
        var (setting, label) = (TrainingJob.DefaultSetting, LearnerCatalog.Default(agent).Label);
        if (options.Settings?.GetValueOrDefault(agent) is { } chosenSetting)
        {
            (setting, label) = (chosenSetting, LearnerSettings.Find(agent, chosenSetting)!.Label);
        }

        if (SweepSize(agent) > 0)
        {
            var chosen = await SweepAsync(agent, sweep, slots, failed).ConfigureAwait(false);
            (setting, label) = (chosen.Index.ToString(CultureInfo.InvariantCulture), chosen.Label);
        }
        else if (options.Sweep)
        {
            progress.Note($"{agent}: one fixed setting ({label}), not swept");
        }

        var jobs = Enumerable.Range(1, options.Seeds)
            .Select(seed => new TrainingJob(agent, setting, label, seed, options.MaxInteractions, options.EvaluateEvery, options.StopWhenHeld, IsSweep: false, options.Shift))
            .ToList();
        var outcomes = await Task.WhenAll(jobs.Select(job => RunJobAsync(job, stopWhen: null, slots, failed))).ConfigureAwait(false);
        return new AgentRuns(agent, label, outcomes.Select(o => o.Run).ToList());
    }

    private async Task<SweepEntry> SweepAsync(string agent, List<SweepEntry> entries, SemaphoreSlim slots, CancellationTokenSource failed)
    {
        var settings = LearnerCatalog.Sweep(agent);
        progress.Note(string.Create(CultureInfo.InvariantCulture,
            $"sweep {agent}: {settings.Count} settings on tuning seed {TuningSeed}, ranked by interactions to hold 0.95 closed loop; each runs until it holds 0.95 in both loops, can no longer beat the best, or reaches {options.MaxInteractions:N0} interactions"));
        var best = long.MaxValue; // fewest interactions to hold 0.95 closed loop among finished settings
        var gate = new Lock();
        bool CannotWin(IReadOnlyList<ProgressPoint> points)
        {
            long bound;
            lock (gate)
            {
                bound = best;
            }

            return bound < long.MaxValue && SweepPruning.CannotHoldBy(points, bound, ConvergenceReport.Threshold);
        }

        // The sweep ranks by interactions to 0.95 closed loop, so each setting stops once it holds 0.95 (the trainer waits for both loops).
        var jobs = settings.Select((s, i) => new TrainingJob(agent, i.ToString(CultureInfo.InvariantCulture), s.Label, TuningSeed,
            options.MaxInteractions, options.EvaluateEvery, ConvergenceReport.Threshold, IsSweep: true)).ToList();
        var outcomes = await Task.WhenAll(jobs.Select(async job =>
        {
            var outcome = await RunJobAsync(job, CannotWin, slots, failed).ConfigureAwait(false);
            if (outcome.Run.InteractionsTo(ConvergenceReport.Threshold, SweepEntry.Ranked) is { } reached)
            {
                lock (gate)
                {
                    best = Math.Min(best, reached);
                }
            }

            return outcome;
        })).ConfigureAwait(false);
        entries.AddRange(outcomes.Select((o, i) => new SweepEntry(agent, i, settings[i].Label, o.Run, o.StoppedAt)));
        var winner = SweepEntry.Best(entries, options.MaxInteractions);
        var reached = winner.InteractionsTo95 is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"0.95 held closed loop from {at:N0} interactions")
            : string.Create(CultureInfo.InvariantCulture, $"0.95 never held closed loop (final closed-loop score {winner.FinalScore:0.000})");
        progress.Note($"sweep {agent}: best setting #{winner.Index} ({winner.Label}), {reached}");
        return winner;
    }

    private async Task<JobOutcome> RunJobAsync(TrainingJob job, Func<IReadOnlyList<ProgressPoint>, bool>? stopWhen, SemaphoreSlim slots, CancellationTokenSource failed)
    {
        await slots.WaitAsync(failed.Token).ConfigureAwait(false);
        try
        {
            progress.Started(job);
            var outcome = await JobRunner.RunAsync(options.ScenarioPath, job, progress, stopWhen, failed.Token).ConfigureAwait(false);
            progress.Finished(job, outcome);
            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            progress.Abandoned(job);
            slots.Release();
        }
    }
}
