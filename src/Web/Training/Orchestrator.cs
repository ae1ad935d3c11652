using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Scenarios;
using EdgeControl.Core.Simulation;
using EdgeControl.Data;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Topology;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Training;

/// <summary>
/// Owns the one training run: resumes the latest running run from its last checkpoint (or starts one), learns
/// on the twin on a dedicated thread, and persists curve points and checkpoints from an async writer, so a
/// slow or briefly unreachable database never stalls learning and queued writes are retried, not lost.
/// </summary>
internal sealed partial class Orchestrator : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Write attempts after shutdown was requested before queued writes are given up (and logged as lost).</summary>
    private const int AttemptsAfterShutdown = 3;

    private readonly OrchestratorOptions _options;
    private readonly TrainingRunStore _store;
    private readonly TrainingNotifier _notifier;
    private readonly TopologyTracker _topology;
    private readonly DecisionService _decisions;
    private readonly ILogger<Orchestrator> _logger;
    private readonly Channel<PendingWrite> _writes =
        Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private volatile OrchestratorStateBox _state = new(OrchestratorState.Starting, null, null, null);
    private long _realInteractions;

    public Orchestrator(
        IOptions<OrchestratorOptions> options,
        TrainingRunStore store,
        TrainingNotifier notifier,
        TopologyTracker topology,
        DecisionService decisions,
        ILogger<Orchestrator> logger)
    {
        _options = options.Value;
        _store = store;
        _notifier = notifier;
        _topology = topology;
        _decisions = decisions;
        _logger = logger;
    }

    public OrchestratorSnapshot Snapshot
    {
        get
        {
            var state = _state;
            return new OrchestratorSnapshot(state.State, state.RunId, Interlocked.Read(ref _realInteractions), state.LatestScore)
            {
                Fault = state.Fault,
            };
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            _state = new(OrchestratorState.Disabled, null, null, null);
            return;
        }

        Scenario scenario;
        RunStart start;
        try
        {
            scenario = ScenarioLoader.Load(_options.ScenarioPath);
            start = await _store.ResumeOrCreateAsync(_options, scenario.Name, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception error) when (error is DbException or DbUpdateException or InvalidOperationException or ScenarioException)
        {
            Fault(null, error);
            return;
        }

        var runId = start.Run.Id;
        _topology.Reset(scenario);
        Interlocked.Exchange(ref _realInteractions, start.Checkpoint?.RealInteractions ?? 0);
        _state = new(OrchestratorState.Learning, runId, null, null);
        LogStarted(_logger, runId, start.Run.Agent, start.Checkpoint is null ? "a new run" : "its last checkpoint", start.Checkpoint?.RealInteractions ?? 0);

        // TorchSharp's dispose scopes are thread-static: the whole act/learn loop stays on this one thread.
        var learning = Task.Factory.StartNew(
            () => Learn(scenario, start, stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await WriteLoopAsync(runId, stoppingToken);
        await learning;
    }

    private void Learn(Scenario scenario, RunStart start, CancellationToken stop)
    {
        var runId = start.Run.Id;
        try
        {
            // The networks are small: libtorch's own thread pool only adds spinning contention with the web server.
            TorchSharp.torch.set_num_threads(1);
            var evaluation = EvaluationSet.Create(scenario);
            var learner = LearnerCatalog.Default(start.Run.Agent).Create(scenario, _options.Seed);
            try
            {
                LearnOn(evaluation, learner, start, stop);
            }
            finally
            {
                (learner as IDisposable)?.Dispose();
            }
        }
#pragma warning disable CA1031 // Whatever breaks the loop is logged, marks the run failed and shows in the health check.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Fault(runId, error);
            _writes.Writer.TryWrite(new PendingWrite(Interlocked.Read(ref _realInteractions), FinalStatus: TrainingRunStatuses.Failed));
            _notifier.Publish(new TrainingUpdate(runId, TrainingRunStatuses.Failed, null));
        }
        finally
        {
            _writes.Writer.TryComplete();
        }
    }

    private void LearnOn(EvaluationSet evaluation, ILearner learner, RunStart start, CancellationToken stop)
    {
        var scenario = evaluation.Scenario;
        var runId = start.Run.Id;
        var checkpointable = learner as ICheckpointable;
        var resumed = start.Checkpoint;
        if (resumed is not null)
        {
            Checkpoint.FromBytes(checkpointable ?? throw new InvalidOperationException($"learner '{learner.Name}' cannot load a checkpoint"), resumed.Weights);
        }

        var step = resumed?.RealInteractions ?? 0;
        var regret = resumed?.CumulativeRegret ?? 0;
        var violations = resumed?.Violations ?? 0;
        var wallBefore = resumed?.WallSeconds ?? 0;
        var lastCheckpoint = step;
        var twin = new EdgeCloudTwin(scenario);
        // A resumed run continues on a fresh stream of requests; the twin's state is not part of a checkpoint.
        var request = twin.Reset(_options.Seed + step);
        var clock = Stopwatch.StartNew();
        var pacedFrom = step;

        if (resumed is null)
        {
            Evaluate();
        }

        while (!stop.IsCancellationRequested)
        {
            Pace();
            var action = learner.Act(request, explore: true);
            regret += OraclePolicy.Regret(scenario, request, action);
            var result = twin.Step(action);
            violations += result.Outcome.MissesRequirementsOf(request) ? 1 : 0;
            learner.Learn(new Experience(request, action, result.Outcome, result.Reward, result.Next));
            step++;
            Interlocked.Exchange(ref _realInteractions, step);
            var placement = _topology.Record(request, twin.Actions.Decode(action), result.Outcome, step);
            _notifier.Publish(new TrainingUpdate(runId, TrainingRunStatuses.Running, null) { Placement = placement });
            request = result.Next;

            if (step % _options.EvaluateEvery == 0)
            {
                Evaluate();
            }

            if (step % _options.CheckpointEvery == 0)
            {
                SaveCheckpoint();
            }
        }

        if (step > lastCheckpoint)
        {
            SaveCheckpoint();
        }

        _state = _state with { State = OrchestratorState.Stopped };
        LogStopped(_logger, runId, step);

        void Pace()
        {
            if (_options.StepsPerSecond <= 0)
            {
                return;
            }

            var ahead = TimeSpan.FromSeconds((step - pacedFrom) / _options.StepsPerSecond) - clock.Elapsed;
            if (ahead > TimeSpan.Zero)
            {
                stop.WaitHandle.WaitOne(ahead);
            }
        }

        void Evaluate()
        {
            var score = evaluation.NormalizedScore(evaluation.MeanReward(learner.ActGreedy(evaluation.Requests)));
            var loss = learner is IReportsLoss reports ? reports.LastLoss : double.NaN;
            var point = new CurvePoint(step, score, wallBefore + clock.Elapsed.TotalSeconds, regret, violations, loss);
            _state = _state with { LatestScore = score };
            _writes.Writer.TryWrite(new PendingWrite(step, Point: point));
            _notifier.Publish(new TrainingUpdate(runId, TrainingRunStatuses.Running, point));
            PublishServingPolicy();
        }

        // Devices are answered from a copy of the policy, so deciding never races with learning.
        void PublishServingPolicy()
        {
            if (checkpointable is null)
            {
                return;
            }

            var copy = LearnerCatalog.Default(start.Run.Agent).Create(scenario, _options.Seed);
            Checkpoint.FromBytes((ICheckpointable)copy, Checkpoint.ToBytes(checkpointable));
            _decisions.Publish(scenario, copy);
        }

        void SaveCheckpoint()
        {
            if (checkpointable is null)
            {
                return;
            }

            var bytes = Checkpoint.ToBytes(checkpointable);
            _writes.Writer.TryWrite(new PendingWrite(
                step, Checkpoint: new SavedCheckpoint(step, bytes, regret, violations, wallBefore + clock.Elapsed.TotalSeconds)));
            lastCheckpoint = step;
        }
    }

    /// <summary>Drains the queue in batches until the learning thread completes it; a failed batch is kept and retried.</summary>
    private async Task WriteLoopAsync(Guid runId, CancellationToken stoppingToken)
    {
        var reader = _writes.Reader;
        var pending = new List<PendingWrite>();
        var delay = TimeSpan.FromSeconds(1);
        var attemptsAfterShutdown = 0;
        while (pending.Count > 0 || await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (reader.TryRead(out var write))
            {
                pending.Add(write);
            }

            try
            {
                await _store.WriteAsync(runId, pending, CancellationToken.None);
                pending.Clear();
                delay = TimeSpan.FromSeconds(1);
            }
            catch (Exception error) when (error is DbException or DbUpdateException or InvalidOperationException or TimeoutException)
            {
                if (stoppingToken.IsCancellationRequested && ++attemptsAfterShutdown >= AttemptsAfterShutdown)
                {
                    LogWritesLost(_logger, error, runId, pending.Count);
                    return;
                }

                LogWriteFailed(_logger, error, runId, pending.Count, delay.TotalSeconds);
                await Task.Delay(delay, CancellationToken.None);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    private void Fault(Guid? runId, Exception error)
    {
        _state = _state with { State = OrchestratorState.Faulted, RunId = runId ?? _state.RunId, Fault = error.Message };
        LogFaulted(_logger, error, runId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {RunId} ({Agent}) learning from {From} at {RealInteractions} real interactions")]
    private static partial void LogStarted(ILogger logger, Guid runId, string agent, string from, long realInteractions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {RunId} paused at {RealInteractions} real interactions; it resumes at the next start")]
    private static partial void LogStopped(ILogger logger, Guid runId, long realInteractions);

    [LoggerMessage(Level = LogLevel.Error, Message = "The learning loop of training run {RunId} failed; nothing learns until a restart")]
    private static partial void LogFaulted(ILogger logger, Exception error, Guid? runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store {Count} training writes of run {RunId}; learning goes on, retrying in {DelaySeconds} s")]
    private static partial void LogWriteFailed(ILogger logger, Exception error, Guid runId, int count, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutting down with {Count} training writes of run {RunId} not stored: the database stayed unreachable")]
    private static partial void LogWritesLost(ILogger logger, Exception error, Guid runId, int count);

    private sealed record OrchestratorStateBox(OrchestratorState State, Guid? RunId, double? LatestScore, string? Fault);
}
