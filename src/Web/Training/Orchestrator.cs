using System.Data.Common;
using System.Threading.Channels;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;
using EdgeControl.Data;
using EdgeControl.Web.Cluster;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Resilience;
using EdgeControl.Web.Topology;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Training;

/// <summary>
/// Runs one training run at a time, on the one instance that holds the trainer lease (<see cref="TrainerLease"/>; a
/// single instance takes it at start). On taking it, it resumes the latest run left running (from its last
/// checkpoint) or starts the configured one; an admin can stop it and start another (fresh or warm) on any instance:
/// the database says which run is running, and the trainer follows it when told on <see cref="ClusterChannels.Runs"/>.
/// Losing the lease ends the session at once (the run stays running for the next trainer); stopping the host keeps
/// the run marked running and releases the lease, so another instance, or the next start, resumes it.
/// </summary>
internal sealed partial class Orchestrator : BackgroundService
{
    private readonly OrchestratorOptions _options;
    private readonly TrainingRunStore _store;
    private readonly TrainingNotifier _notifier;
    private readonly TopologyTracker _topology;
    private readonly DecisionService _decisions;
    private readonly DecisionLogStream _log;
    private readonly DatabaseRetry _retry;
    private readonly TrainerLease _lease;
    private readonly ClusterBus _bus;
    private readonly TrainingRelay _relay;
    private readonly ILogger<Orchestrator> _logger;

    /// <summary>How long an admin's stop (or start of another run) waits for the old run's writes while the database is away.</summary>
    private static readonly TimeSpan StopWritesTimeout = TimeSpan.FromSeconds(30);

    /// <summary>One start or stop at a time; learning itself never waits on it.</summary>
    private readonly SemaphoreSlim _control = new(1, 1);

    /// <summary>Another instance changed which run is running (an admin's start or stop there).</summary>
    private readonly Channel<bool> _runsChanged = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private CancellationToken _hostStopping;
    private volatile TrainingSession? _session;
    private volatile TrainerLeaseTerm? _term;
    private Task? _sessionTask;
    private volatile OrchestratorSnapshot _idle = new(OrchestratorState.Starting, null, 0, null);

    public Orchestrator(
        IOptions<OrchestratorOptions> options,
        TrainingRunStore store,
        TrainingNotifier notifier,
        TopologyTracker topology,
        DecisionService decisions,
        DecisionLogStream log,
        DatabaseRetry retry,
        TrainerLease lease,
        ClusterBus bus,
        TrainingRelay relay,
        ILogger<Orchestrator> logger)
    {
        _options = options.Value;
        _store = store;
        _notifier = notifier;
        _topology = topology;
        _decisions = decisions;
        _log = log;
        _retry = retry;
        _lease = lease;
        _bus = bus;
        _relay = relay;
        _logger = logger;
    }

    public OrchestratorSnapshot Snapshot => _session?.Snapshot ?? (_idle.State == OrchestratorState.Following ? Following() : _idle);

    /// <summary>Curve points, checkpoints and final statuses of the current run waiting for the database.</summary>
    public int WaitingWrites => _session?.WaitingWrites ?? 0;

    /// <summary>The share of its thread's time this instance's learner takes now: 1 flat out, less while serving needs the machine; 0 when it runs none.</summary>
    public double LearnerShare => _session?.LearnerShare ?? 0;

    /// <summary>The run learning now, or null.</summary>
    public Guid? CurrentRunId => _session?.RunId;

    /// <summary>Settings for a new run from configuration, for callers that override some of them.</summary>
    public RunSettings DefaultSettings => RunSettings.From(_options);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _hostStopping = stoppingToken;
        if (!_options.Enabled)
        {
            _idle = new(OrchestratorState.Disabled, null, 0, null);
            return;
        }

        using var runs = _bus.Subscribe(ClusterChannels.Runs, _ => _runsChanged.Writer.TryWrite(true));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var term = await _lease.AcquireAsync(stoppingToken, standingBy: () => _idle = new(OrchestratorState.Following, null, 0, null));
                await TrainWhileHeldAsync(term, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Stops the current run (marked stopped) and starts a new one; returns it once it is stored (and, on the trainer,
    /// learning). On an instance that does not train, it stores the change and tells the trainer, which follows.
    /// </summary>
    public async Task<TrainingRunEntity> StartRunAsync(RunSettings settings, Scenario scenario, WarmStart? warmStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(scenario);
        await _control.WaitAsync(cancellationToken);
        try
        {
            if (_term is not { IsLost: false } term)
            {
                var stored = await _store.CreateAsync(settings, scenario.Name, warmStart, cancellationToken, stopRunning: true);
                await TellTrainerAsync(stored.Run.Id, cancellationToken);
                return stored.Run;
            }

            await EndCurrentWithinTimeoutAsync(TrainingRunStatuses.Stopped);
            var start = await _store.CreateAsync(settings, scenario.Name, warmStart, cancellationToken);
            Begin(start, RunSettings.FromJson(start.Run.Options, settings), scenario, term);
            return start.Run;
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>Stops run <paramref name="runId"/>: false when it is neither learning here nor marked running.</summary>
    public async Task<bool> StopRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await _control.WaitAsync(cancellationToken);
        try
        {
            if (_session?.RunId == runId)
            {
                await EndCurrentWithinTimeoutAsync(TrainingRunStatuses.Stopped);
                return true;
            }

            var stopped = await _store.MarkStoppedAsync(runId, cancellationToken);
            if (stopped && _term is null)
            {
                await TellTrainerAsync(runId, cancellationToken);
            }

            return stopped;
        }
        finally
        {
            _control.Release();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The host is stopping: the run stays running, so the next trainer resumes it from the checkpoint written now
        // (if the database takes it before the host's shutdown timeout); then the lease goes at once, not on expiry.
        await EndCurrentAsync(finalStatus: null, cancellationToken);
        if (_term is { } term)
        {
            _term = null;
            await term.ReleaseAsync(cancellationToken);
        }
    }

    /// <summary>Trains while <paramref name="term"/> lasts: the run the database says, following an admin's changes on other instances.</summary>
    private async Task TrainWhileHeldAsync(TrainerLeaseTerm term, CancellationToken stoppingToken)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(term.Lost, stoppingToken);
        await _control.WaitAsync(stoppingToken);
        try
        {
            _term = term;
            // Whatever was announced before now is in what the database says now.
            while (_runsChanged.Reader.TryRead(out _))
            {
            }

            await StartFromDatabaseAsync(term, createWhenNone: true, held.Token);
        }
        finally
        {
            _control.Release();
        }

        while (!held.IsCancellationRequested)
        {
            try
            {
                await _runsChanged.Reader.ReadAsync(held.Token);
                await _control.WaitAsync(held.Token);
            }
            catch (OperationCanceledException) when (held.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await FollowDatabaseAsync(term, held.Token);
            }
            finally
            {
                _control.Release();
            }
        }

        if (stoppingToken.IsCancellationRequested)
        {
            return; // StopAsync ends the session and releases the lease.
        }

        // Lost: another instance trains now (or may at any moment); this one must not write another line of the run.
        await _control.WaitAsync(stoppingToken);
        try
        {
            _term = null;
            using var giveUpAtOnce = new CancellationTokenSource();
            await giveUpAtOnce.CancelAsync();
            await EndCurrentAsync(finalStatus: null, giveUpAtOnce.Token);
            _idle = new(OrchestratorState.Following, null, 0, null);
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>Resumes the latest running run, or starts the configured one (<paramref name="createWhenNone"/>) or none.</summary>
    private async Task StartFromDatabaseAsync(TrainerLeaseTerm term, bool createWhenNone, CancellationToken held)
    {
        try
        {
            var fallback = RunSettings.From(_options);
            // A database still starting (or briefly away) delays learning, it does not end it.
            if (await _retry.ExecuteAsync("orchestrator", async token => await _store.ResumeAsync(fallback, token), held) is var (start, settings))
            {
                Begin(start, settings, ScenarioCatalog.LoadFile(settings.ScenarioPath), term);
            }
            else if (createWhenNone)
            {
                var scenario = ScenarioCatalog.LoadFile(fallback.ScenarioPath);
                Begin(await _retry.ExecuteAsync("orchestrator", async token => await _store.CreateAsync(fallback, scenario.Name, warmStart: null, token), held), fallback, scenario, term);
            }
            else
            {
                _idle = new(OrchestratorState.Idle, null, 0, null);
            }
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested)
        {
        }
        catch (Exception error) when (error is DbException or DbUpdateException or InvalidOperationException or ScenarioException)
        {
            _idle = new(OrchestratorState.Faulted, null, 0, null) { Fault = error.Message };
            LogStartFailed(_logger, error);
        }
    }

    /// <summary>An admin changed the running run on another instance: learn in the one the database now says is running.</summary>
    private async Task FollowDatabaseAsync(TrainerLeaseTerm term, CancellationToken held)
    {
        Guid? latest;
        try
        {
            latest = await _retry.ExecuteAsync("orchestrator", async token => await _store.LatestRunningAsync(token), held);
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested)
        {
            return;
        }

        if (latest == _session?.RunId)
        {
            return;
        }

        // The old run's status is already what the admin's instance stored; only its last checkpoint is written.
        await EndCurrentWithinTimeoutAsync(finalStatus: null);
        LogFollowing(_logger, latest);
        await StartFromDatabaseAsync(term, createWhenNone: false, held);
    }

    private async Task TellTrainerAsync(Guid runId, CancellationToken cancellationToken)
    {
        try
        {
            await _bus.PublishAsync(ClusterChannels.Runs, runId.ToString(), cancellationToken);
        }
        catch (DbException error)
        {
            // Stored, not announced: the trainer learns of it when it next takes the lease.
            LogAnnounceFailed(_logger, error.Message);
        }
    }

    private OrchestratorSnapshot Following() => _relay.Followed is { } followed
        ? new(OrchestratorState.Following, followed.RunId, followed.RealInteractions, followed.LatestScores) { Trainer = followed.Trainer }
        : _idle;

    private void Begin(RunStart start, RunSettings settings, Scenario scenario, TrainerLeaseTerm term)
    {
        var session = new TrainingSession(
            start, settings, scenario, _store, _notifier, _topology, _decisions, _log, _retry, _options.MaxQueuedCurvePoints, _options.CheckpointAtMostEvery, _options.ServingAverageOver,
            new LearningGovernor(_options.LearnerIdleFloor, _options.LearnerMinimumShare), _logger, term, _bus, _hostStopping);
        _session = session;
        _sessionTask = session.RunAsync();
    }

    private async Task EndCurrentWithinTimeoutAsync(string? finalStatus)
    {
        using var timeout = new CancellationTokenSource(StopWritesTimeout);
        await EndCurrentAsync(finalStatus, timeout.Token);
    }

    private async Task EndCurrentAsync(string? finalStatus, CancellationToken giveUpWrites)
    {
        if (_session is not { } session || _sessionTask is not { } running)
        {
            return;
        }

        session.Stop(finalStatus, giveUpWrites);
        try
        {
            await running;
        }
        finally
        {
            session.Dispose();
        }

        _idle = session.Snapshot with { State = finalStatus is null ? OrchestratorState.Stopped : OrchestratorState.Idle };
        _session = null;
        _sessionTask = null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not resume or start a training run; nothing learns until an admin starts one or the app restarts")]
    private static partial void LogStartFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "An admin changed the running run on another instance; the trainer follows (now running: {RunId})")]
    private static partial void LogFollowing(ILogger logger, Guid? runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored a run change but could not tell the trainer ({Reason}); it follows when it next takes the lease")]
    private static partial void LogAnnounceFailed(ILogger logger, string reason);
}
