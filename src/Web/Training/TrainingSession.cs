using System.Diagnostics;
using EdgeControl.Agents.Dqn;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;
using EdgeControl.Core.Threading;
using EdgeControl.Data;
using EdgeControl.Web.Cluster;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Resilience;
using EdgeControl.Web.Topology;

namespace EdgeControl.Web.Training;

/// <summary>
/// One training run while it learns: on a dedicated thread it runs the shared training loop (<see cref="Trainer"/>),
/// which learns from the outcomes devices report (following the decision log: <see cref="DecisionLogFollower"/>) and, in
/// twin mode, acts and learns on the digital twin too;
/// it persists curve points and checkpoints from an async writer, so a slow or briefly unreachable database never stalls learning and queued writes
/// are retried, not lost. Ends when its token is cancelled: a last checkpoint, then the status given to <see cref="Stop"/>.
/// Its owner disposes it after <see cref="RunAsync"/> completes, never before: the run may end by itself (the host
/// stopping cancels it too) just before its owner calls <see cref="Stop"/>, which must still find its token sources.
/// </summary>
internal sealed partial class TrainingSession : IDisposable
{
    private readonly RunStart _start;
    private readonly RunSettings _settings;
    private readonly Scenario _scenario;
    private readonly TrainingRunStore _store;
    private readonly TrainingNotifier _notifier;
    private readonly TopologyTracker _topology;
    private readonly DecisionService _decisions;
    private readonly DecisionLogStream _log;
    private readonly ILogger _logger;
    private readonly DatabaseRetry _retry;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _giveUpWrites;
    private readonly TrainingWriteQueue _writes;
    private readonly TrainerLeaseTerm _lease;
    private readonly TrainerLeaseFence _fence;
    private readonly ClusterBus _bus;
    private readonly TimeSpan _checkpointAtMostEvery;
    private readonly ServingLineage _lineage;
    private readonly LearningGovernor _governor;
    private CancellationTokenRegistration _giveUpWritesWhen;

    private volatile string? _finalStatus;
    private volatile StateBox _state = new(OrchestratorState.Starting, null, null);
    private long _realInteractions;

    public TrainingSession(
        RunStart start,
        RunSettings settings,
        Scenario scenario,
        TrainingRunStore store,
        TrainingNotifier notifier,
        TopologyTracker topology,
        DecisionService decisions,
        DecisionLogStream log,
        DatabaseRetry retry,
        int maxQueuedCurvePoints,
        TimeSpan checkpointAtMostEvery,
        TimeSpan servingAverageOver,
        LearningGovernor governor,
        ILogger logger,
        TrainerLeaseTerm lease,
        ClusterBus bus,
        CancellationToken hostStopping)
    {
        _lease = lease;
        _fence = new TrainerLeaseFence(lease.Holder, lease.Epoch);
        _bus = bus;
        _start = start;
        _settings = settings;
        _scenario = scenario;
        _store = store;
        _notifier = notifier;
        _topology = topology;
        _decisions = decisions;
        _log = log;
        _retry = retry;
        _writes = new TrainingWriteQueue(maxQueuedCurvePoints);
        _checkpointAtMostEvery = checkpointAtMostEvery;
        _lineage = new ServingLineage(start.Run.Id, servingAverageOver);
        _governor = governor;
        _giveUpWrites = new CancellationTokenSource();
        _logger = logger;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(hostStopping);
        _realInteractions = start.Checkpoint?.RealInteractions ?? 0;
    }

    public Guid RunId => _start.Run.Id;

    public OrchestratorSnapshot Snapshot
    {
        get
        {
            var state = _state;
            return new OrchestratorSnapshot(state.State, RunId, Interlocked.Read(ref _realInteractions), state.LatestScores) { Fault = state.Fault, Live = _settings.IsLive };
        }
    }

    /// <summary>The share of its thread's time the learner takes now (<see cref="LearningGovernor"/>).</summary>
    public double LearnerShare => _governor.Share;

    /// <summary>Writes waiting for the database (curve points, a checkpoint, a final status).</summary>
    public int WaitingWrites => _writes.Count;

    /// <summary>
    /// Ends learning; the run gets <paramref name="finalStatus"/> (null: it stays running, to be resumed at the next
    /// start). Waiting writes are retried until stored or until <paramref name="giveUpWrites"/> is cancelled.
    /// </summary>
    public void Stop(string? finalStatus, CancellationToken giveUpWrites)
    {
        _finalStatus = finalStatus;
        _giveUpWritesWhen = giveUpWrites.Register(_giveUpWrites.Cancel);
        _stop.Cancel();
    }

    /// <summary>After <see cref="RunAsync"/> completed: the caller's token no longer reaches into this session.</summary>
    public void Dispose()
    {
        _giveUpWritesWhen.Dispose();
        _stop.Dispose();
        _giveUpWrites.Dispose();
    }

    /// <summary>Learns until stopped, then drains every queued write; completes when the run is stored.</summary>
    public async Task RunAsync()
    {
        // Every line of this run, also from the learning thread started below (it inherits the scope), names the run.
        using var scope = _logger.BeginScope(new KeyValuePair<string, object>[] { new("RunId", RunId) });
        _state = new(OrchestratorState.Learning, null, null);
        _topology.Reset(_scenario);
        LogStarted(_logger, RunId, _settings.Agent, _start.Checkpoint is null ? "a new run" : "its last checkpoint", _start.Checkpoint?.RealInteractions ?? 0);

        // A resumed run follows the log from its checkpoint's horizon (nothing stored since is missed, nothing learned
        // twice); a fresh or warm-started run from the horizon now: it learns from what is decided from now on.
        using var experiences = _log.Open(_scenario, _start.IsContinuation ? _start.Checkpoint?.LogHorizon : null);
        await experiences.BeginAsync(_stop.Token);
        var following = experiences.FollowAsync(_stop.Token);
        // TorchSharp's dispose scopes are thread-static: the whole act/learn loop stays on this one thread.
        var learning = Task.Factory.StartNew(() => Learn(experiences), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await WriteLoopAsync();
        await learning;
        await following;
    }

    private void Learn(DecisionLogFollower experiences)
    {
        try
        {
            // The networks are small: libtorch's own thread pool only adds spinning contention with the web server.
            TorchSharp.torch.set_num_threads(1);
            // Serving wins over learning: the hub, Kestrel and the database take the cores first.
            LowestThreadPriority.LowerCurrentThread();
            var evaluation = PolicyEvaluation.Create(_scenario, _settings.ClosedLoop);
            var learner = LearnerCatalog.Default(_settings.Agent).Create(_scenario, _settings.Seed);
            try
            {
                LearnOn(evaluation, learner, experiences, _stop.Token);
            }
            finally
            {
                (learner as IDisposable)?.Dispose();
            }

            if (_finalStatus is { } status)
            {
                _writes.Finish(status, Interlocked.Read(ref _realInteractions));
            }

            _state = _state with { State = OrchestratorState.Stopped };
            _notifier.Publish(new TrainingUpdate(RunId, _finalStatus ?? TrainingRunStatuses.Running, null));
            var outcome = _finalStatus ?? "paused until the next start";
            var at = Interlocked.Read(ref _realInteractions);
            LogStopped(_logger, RunId, at, outcome);
        }
#pragma warning disable CA1031 // Whatever breaks the loop is logged, marks the run failed and shows in the health check.
        catch (Exception error)
#pragma warning restore CA1031
        {
            _state = _state with { State = OrchestratorState.Faulted, Fault = error.Message };
            LogFaulted(_logger, error, RunId);
            _writes.Finish(TrainingRunStatuses.Failed, Interlocked.Read(ref _realInteractions));
            _notifier.Publish(new TrainingUpdate(RunId, TrainingRunStatuses.Failed, null));
        }
        finally
        {
            _writes.Complete();
        }
    }

    private void LearnOn(PolicyEvaluation evaluation, ILearner learner, DecisionLogFollower experiences, CancellationToken stop)
    {
        var scenario = evaluation.Scenario;
        var checkpointable = learner as ICheckpointable;
        var resumed = _start.Checkpoint;
        if (resumed is not null)
        {
            Checkpoint.FromBytes(checkpointable ?? throw new InvalidOperationException($"learner '{learner.Name}' cannot load a checkpoint"), resumed.Weights);
        }

        // A resumed run already has its first point; a fresh or warm-started one begins its curve with an evaluation.
        if (_start.IsContinuation)
        {
            PublishServingPolicy(null);
        }

        long? lastCheckpoint = null;
        TrainingCounters? unsaved = null;
        var options = new TrainingOptions(long.MaxValue, _settings.EvaluateEvery, _settings.Seed)
        {
            LongestEvaluationInterval = _settings.LongestEvaluationInterval,
            CheckpointEvery = _settings.CheckpointEvery,
            ActsOnTwin = !_settings.IsLive,
            ResumeFrom = resumed?.Counters,
            EvaluatesAtStart = !_start.IsContinuation,
            KeepsCurve = false,
        };
        var hooks = new TrainingHooks
        {
            PaceTwinStep = new TwinPace(_settings.StepsPerSecond).Wait,
            Experiences = experiences,
            PaceBatch = _governor.Pace,
            TwinStepped = ShowPlacement,
            Learned = step => Interlocked.Exchange(ref _realInteractions, step),
            Evaluated = Evaluated,
            // On this thread, right after a batch was learned: the horizon is exactly what the learner has taken.
            Checkpoint = checkpointable is null ? null : counters =>
            {
                // The last one, when the run stops, is always written: it is where the next start resumes.
                if (!stop.IsCancellationRequested && lastCheckpoint is { } last && Stopwatch.GetElapsedTime(last) < _checkpointAtMostEvery)
                {
                    unsaved = counters;
                    return;
                }

                lastCheckpoint = Stopwatch.GetTimestamp();
                unsaved = null;
                _writes.Add(SavedCheckpoint.Of(counters, Checkpoint.ToBytes(checkpointable), experiences.TakenHorizon));
            },
        };
        Trainer.Run(learner, evaluation, options, hooks, stop);
        // The loop takes no checkpoint on the way out when the last one fell due at its last step; it was put off above.
        if (unsaved is { } putOff && checkpointable is not null)
        {
            _writes.Add(SavedCheckpoint.Of(putOff, Checkpoint.ToBytes(checkpointable), experiences.TakenHorizon));
        }

        void ShowPlacement(TwinStep step)
        {
            var placement = _topology.Record(step.Request, step.Action, step.Outcome, step.RealInteractions);
            _notifier.Publish(new TrainingUpdate(RunId, TrainingRunStatuses.Running, null) { Placement = placement });
        }

        void Evaluated(CurvePoint point)
        {
            _state = _state with { LatestScores = new PolicyScores(point.ClosedLoopScore, point.Score) };
            _writes.Add(point);
            _notifier.Publish(new TrainingUpdate(RunId, TrainingRunStatuses.Running, point));
            PublishServingPolicy(point);
        }

        // Devices are answered from a copy of the policy, so deciding never races with learning: a frozen snapshot of
        // it (the Q-network learners; no second learner is built), else a learner loaded from its checkpoint. The
        // learner's checkpoint is stored as the serving one, whose id goes to the other instances once stored
        // (WriteLoopAsync), so they serve it too.
        void PublishServingPolicy(CurvePoint? evaluatedAt)
        {
            if (checkpointable is null)
            {
                return;
            }

            byte[]? weights = null;
            if (learner is IFreezablePolicy freezable)
            {
                _decisions.Publish(scenario, freezable.Snapshot(), exploring: _settings.IsLive, _lineage);
            }
            else
            {
                weights = Checkpoint.ToBytes(checkpointable);
                var copy = LearnerCatalog.Default(_settings.Agent).Create(scenario, _settings.Seed);
                Checkpoint.FromBytes((ICheckpointable)copy, weights);
                _decisions.Publish(scenario, copy, exploring: _settings.IsLive, _lineage);
            }

            if (evaluatedAt is not null)
            {
                var counters = new TrainingCounters(evaluatedAt.RealInteractions, evaluatedAt.CumulativeRegret, evaluatedAt.Violations, evaluatedAt.WallSeconds);
                // A resume point too: on this thread, right after what was learned, so with the horizon the learner has taken.
                _writes.Add(SavedCheckpoint.Of(counters, weights ?? Checkpoint.ToBytes(checkpointable), experiences.TakenHorizon) with { Serving = true });
            }
        }
    }

    /// <summary>
    /// Writes what the learning thread queued until it completes the queue; while the database is away a batch is
    /// retried (the shared policy) and new writes gather in the bounded queue behind it.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        long droppedLogged = 0;
        var fencedOut = false;
        while (await _writes.TakeAsync() is { } batch)
        {
            if (fencedOut)
            {
                continue;
            }

            try
            {
                var stored = await _retry.ExecuteAsync("training writer", async token => await _store.WriteAsync(RunId, _fence, batch, token), _giveUpWrites.Token);
                if (stored.FencedOut)
                {
                    // Another instance took the lease: this session must not write again, nor learn on.
                    fencedOut = true;
                    LogFencedOut(_logger, RunId, batch.Count, _fence.Epoch);
                    _lease.Lose($"a write of run {RunId} was fenced out (epoch {_fence.Epoch} is no longer the lease's)");
                    _stop.Cancel();
                    continue;
                }

                if (stored.ServingCheckpointId is { } id)
                {
                    await AnnounceAsync(id);
                }
            }
            catch (OperationCanceledException) when (_giveUpWrites.IsCancellationRequested)
            {
                LogWritesLost(_logger, RunId, batch.Count + _writes.Count);
                return;
            }
#pragma warning disable CA1031 // Only a write the database refuses for its content gets here; it is logged and the run goes on.
            catch (Exception error)
#pragma warning restore CA1031
            {
                LogWriteRefused(_logger, error, RunId, batch.Count);
            }

            if (_writes.DroppedPoints is var dropped && dropped > droppedLogged)
            {
                LogPointsDropped(_logger, RunId, dropped - droppedLogged);
                droppedLogged = dropped;
            }
        }
    }

    /// <summary>Tells the other instances to serve checkpoint <paramref name="id"/>; a failure costs them one policy, not learning.</summary>
    private async Task AnnounceAsync(long id)
    {
        try
        {
            await _bus.PublishAsync(ClusterChannels.Policy, id.ToString(System.Globalization.CultureInfo.InvariantCulture), _giveUpWrites.Token);
        }
#pragma warning disable CA1031 // The next evaluation announces a newer policy; the others load the latest after a reconnect.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogAnnounceFailed(_logger, id, error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training run {RunId}: {Count} writes fenced out and dropped; the trainer lease's epoch is no longer {Epoch}: another instance trains")]
    private static partial void LogFencedOut(ILogger logger, Guid runId, int count, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce serving policy checkpoint {Id} to the other instances: {Reason}")]
    private static partial void LogAnnounceFailed(ILogger logger, long id, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {RunId} ({Agent}) learning from {From} at {RealInteractions} real interactions")]
    private static partial void LogStarted(ILogger logger, Guid runId, string agent, string from, long realInteractions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {RunId} stopped at {RealInteractions} real interactions: {Outcome}")]
    private static partial void LogStopped(ILogger logger, Guid runId, long realInteractions, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "The learning loop of training run {RunId} failed; the run is marked failed")]
    private static partial void LogFaulted(ILogger logger, Exception error, Guid runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The database refused {Count} training writes of run {RunId}; learning goes on")]
    private static partial void LogWriteRefused(ILogger logger, Exception error, Guid runId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training run {RunId} dropped its {Count} oldest waiting curve points: the database was away longer than Orchestrator:MaxQueuedCurvePoints evaluations")]
    private static partial void LogPointsDropped(ILogger logger, Guid runId, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up {Count} training writes of run {RunId}: the database stayed unreachable while stopping (the run resumes from its last stored checkpoint)")]
    private static partial void LogWritesLost(ILogger logger, Guid runId, int count);

    private sealed record StateBox(OrchestratorState State, PolicyScores? LatestScores, string? Fault);
}
