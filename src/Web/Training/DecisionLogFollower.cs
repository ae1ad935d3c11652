using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Logging;
using EdgeControl.Web.Resilience;

namespace EdgeControl.Web.Training;

/// <summary>
/// The experience source of one training run: follows the decision log (<see cref="DecisionLogReader"/>) from a
/// horizon, resolves each new row against the run's scenario and hands the experiences to the learning thread in the
/// order read. Rows of any instance's devices arrive the same way, so one path serves one instance and many.
/// </summary>
/// <remarks>
/// <see cref="TakenHorizon"/> moves only with what the learning thread has drained: a checkpoint made on that thread
/// records the horizon below which every row was learned from (or skipped), so a run resumed from it (after a restart,
/// or on another instance) continues at that horizon, learning no row twice and skipping none. While the database is
/// away the follower waits (<see cref="DatabaseRetry"/>) and then goes on from its horizon; the log loses nothing meanwhile.
/// </remarks>
internal sealed partial class DecisionLogFollower : IExperienceSource, IDisposable
{
    /// <summary>Rows per read: a few batches of the learner, and one statement's worth for the database.</summary>
    private const int PageRows = 5_000;

    /// <summary>Experiences read ahead of the learner at most; past this the follower waits (the log keeps the rest).</summary>
    private const int MaxQueued = 20_000;

    /// <summary>How often the follower looks for new rows once caught up: the learner sees an outcome within about this of its commit.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long the horizon may stand still while stored rows wait above it before an operator is told why.</summary>
    private static readonly TimeSpan StallWarningAfter = TimeSpan.FromMinutes(1);

    private readonly DecisionLogReader _reader;
    private readonly Scenario _scenario;
    private readonly LoggedDecisionResolver _resolver;
    private readonly DatabaseRetry _retry;
    private readonly DecisionLogStream _counts;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Queue<(List<Experience> Experiences, ulong Horizon)> _queue = new();
    private readonly ManualResetEventSlim _ready = new(false);
    private ulong? _from;
    private ulong? _taken;
    private int _queued;
    private bool _otherScenarioLogged;
    private bool _noContextLogged;

    public DecisionLogFollower(
        DecisionLogReader reader, Scenario scenario, ulong? from, DatabaseRetry retry, DecisionLogStream counts, TimeProvider clock, ILogger logger)
    {
        _reader = reader;
        _scenario = scenario;
        _resolver = new LoggedDecisionResolver(scenario);
        _from = from;
        _taken = from;
        _retry = retry;
        _counts = counts;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>
    /// The horizon below which every row has been drained into the learner (or skipped); null until the follower has
    /// read the horizon of a fresh run from the database.
    /// </summary>
    public ulong? TakenHorizon
    {
        get
        {
            lock (_lock)
            {
                return _taken;
            }
        }
    }

    /// <summary>
    /// Reads the horizon a fresh run starts at, before it learns anything: rows stored from then on are its to learn
    /// from (waits while the database is away; cancelled: <see cref="FollowAsync"/> reads it).
    /// </summary>
    public async Task BeginAsync(CancellationToken stop)
    {
        try
        {
            await StartingHorizonAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Follows the log until <paramref name="stop"/> is cancelled; never throws (an unexpected failure is logged and the reads go on).</summary>
    public async Task FollowAsync(CancellationToken stop)
    {
        var stall = new StallWatch();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var cursor = await StartingHorizonAsync(stop);

                if (Volatile.Read(ref _queued) >= MaxQueued)
                {
                    await Task.Delay(PollInterval, _clock, stop);
                    continue;
                }

                var page = await _retry.ExecuteAsync(DecisionLogStream.Name, async token => await _reader.ReadAsync(cursor, PageRows, token), stop);
                Hand(page);
                _from = page.Next;
                await WatchAsync(stall, cursor, page, stop);
                if (page.CaughtUp)
                {
                    await Task.Delay(PollInterval, _clock, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The learner must not lose its input for good: log, wait, read again from the same horizon.
            catch (Exception error)
#pragma warning restore CA1031
            {
                LogReadFailed(_logger, error);
                try
                {
                    await Task.Delay(DatabaseRetry.MaxDelay, _clock, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Where reading goes on: a fresh run learns from what is stored from its start, not from older runs' rows.</summary>
    private async Task<ulong> StartingHorizonAsync(CancellationToken stop)
    {
        var cursor = _from ??= await _retry.ExecuteAsync(DecisionLogStream.Name, async token => await _reader.HorizonAsync(token), stop);
        lock (_lock)
        {
            _taken ??= cursor;
        }

        return cursor;
    }

    public void DrainInto(List<Experience> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_lock)
        {
            while (_queue.TryDequeue(out var read))
            {
                batch.AddRange(read.Experiences);
                _taken = read.Horizon;
            }

            _queued = 0;
            _ready.Reset();
        }
    }

    public void WaitForExperiences(CancellationToken stopping)
    {
        try
        {
            _ready.Wait(stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the training loop sees the token.
        }
    }

    public void Dispose() => _ready.Dispose();

    /// <summary>Resolves a page's rows against the run's scenario and queues their experiences with the page's horizon.</summary>
    private void Hand(LogPage page)
    {
        List<LoggedDecision> fitting = [];
        long otherScenario = 0, noContext = 0;
        foreach (var row in page.Rows)
        {
            if (row.Scenario is null)
            {
                noContext++;
            }
            else if (row.Scenario != _scenario.Name)
            {
                otherScenario++;
            }
            else
            {
                fitting.Add(row.Decision);
            }
        }

        var unresolvedBefore = _resolver.Unresolved;
        var resolved = _resolver.Resolve(fitting);
        var experiences = LoggedExperiences.From(_scenario, resolved);
        // Named like the run's scenario and yet not placeable in it (the file changed under its name): not this learner's input either.
        otherScenario += _resolver.Unresolved - unresolvedBefore + resolved.Count - experiences.Count;
        _counts.Read(page.Rows.Count, experiences.Count, otherScenario, noContext);
        LogSkippedOnce(otherScenario, noContext);

        lock (_lock)
        {
            if (experiences.Count == 0 && _queue.Count == 0)
            {
                _taken = page.Next;
                return;
            }

            _queue.Enqueue((experiences, page.Next));
            _queued += experiences.Count;
            if (experiences.Count > 0)
            {
                _ready.Set();
            }
        }
    }

    private void LogSkippedOnce(long otherScenario, long noContext)
    {
        if (otherScenario > 0 && !_otherScenarioLogged)
        {
            _otherScenarioLogged = true;
            LogOtherScenario(_logger, _scenario.Name);
        }

        if (noContext > 0 && !_noContextLogged)
        {
            _noContextLogged = true;
            LogNoContext(_logger);
        }
    }

    /// <summary>Tells an operator, once per stall, when a long-open transaction holds the horizon while stored rows wait behind it.</summary>
    private async Task WatchAsync(StallWatch stall, ulong cursor, LogPage page, CancellationToken stop)
    {
        var now = _clock.GetUtcNow();
        if (page.Next != cursor || stall.Since is null)
        {
            stall.Since = now;
            stall.Told = false;
            return;
        }

        if (stall.Told || now - stall.Since < StallWarningAfter)
        {
            return;
        }

        if (await _reader.StalledByAsync(cursor, stop) is { } holder)
        {
            stall.Told = true;
            LogStalled(_logger, (now - stall.Since.Value).TotalSeconds, holder);
        }
        else
        {
            // Nothing is late: the log is merely quiet. Look again a while later.
            stall.Since = now;
        }
    }

    private sealed class StallWatch
    {
        public DateTimeOffset? Since { get; set; }

        public bool Told { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping decision-log rows decided on another scenario than this run's ('{Scenario}'), or that do not fit it; counted in edgecontrol.learning.log_rows_skipped (reason other-scenario)")]
    private static partial void LogOtherScenario(ILogger logger, string scenario);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping decision-log rows stored without their decision's context (the instance that decided no longer held it); counted in edgecontrol.learning.log_rows_skipped (reason no-context)")]
    private static partial void LogNoContext(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The decision-log horizon has not moved for {Seconds:0} s while stored outcomes wait behind it: a transaction left open by {Holder} holds it; the learner gets those outcomes once it ends")]
    private static partial void LogStalled(ILogger logger, double seconds, string holder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the decision log failed; reading again from the same horizon")]
    private static partial void LogReadFailed(ILogger logger, Exception error);
}
