using System.Data.Common;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;
using EdgeControl.Data;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Resilience;
using EdgeControl.Web.Topology;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Training;

/// <summary>
/// Runs one training run at a time. At start-up it resumes the latest run left running (from its last checkpoint)
/// or starts the configured one; an admin can stop it and start another (fresh or warm). Stopping the host keeps
/// the run marked running, so the next start resumes it.
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
    private readonly ILogger<Orchestrator> _logger;

    /// <summary>How long an admin's stop (or start of another run) waits for the old run's writes while the database is away.</summary>
    private static readonly TimeSpan StopWritesTimeout = TimeSpan.FromSeconds(30);

    /// <summary>One start or stop at a time; learning itself never waits on it.</summary>
    private readonly SemaphoreSlim _control = new(1, 1);

    private CancellationToken _hostStopping;
    private volatile TrainingSession? _session;
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
        ILogger<Orchestrator> logger)
    {
        _options = options.Value;
        _store = store;
        _notifier = notifier;
        _topology = topology;
        _decisions = decisions;
        _log = log;
        _retry = retry;
        _logger = logger;
    }

    public OrchestratorSnapshot Snapshot => _session?.Snapshot ?? _idle;

    /// <summary>Curve points, checkpoints and final statuses of the current run waiting for the database.</summary>
    public int WaitingWrites => _session?.WaitingWrites ?? 0;

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

        await _control.WaitAsync(stoppingToken);
        try
        {
            var fallback = RunSettings.From(_options);
            // A database still starting (or briefly away) delays learning, it does not end it.
            if (await _retry.ExecuteAsync("orchestrator", async token => await _store.ResumeAsync(fallback, token), stoppingToken) is var (start, settings))
            {
                Begin(start, settings, ScenarioCatalog.LoadFile(settings.ScenarioPath));
            }
            else
            {
                var scenario = ScenarioCatalog.LoadFile(fallback.ScenarioPath);
                Begin(await _retry.ExecuteAsync("orchestrator", async token => await _store.CreateAsync(fallback, scenario.Name, warmStart: false, token), stoppingToken), fallback, scenario);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception error) when (error is DbException or DbUpdateException or InvalidOperationException or ScenarioException)
        {
            _idle = new(OrchestratorState.Faulted, null, 0, null) { Fault = error.Message };
            LogStartFailed(_logger, error);
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>Stops the current run (marked stopped) and starts a new one; returns it once it is stored and learning.</summary>
    public async Task<TrainingRunEntity> StartRunAsync(RunSettings settings, Scenario scenario, bool warmStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(scenario);
        await _control.WaitAsync(cancellationToken);
        try
        {
            await EndCurrentWithinTimeoutAsync(TrainingRunStatuses.Stopped);
            var start = await _store.CreateAsync(settings, scenario.Name, warmStart, cancellationToken);
            Begin(start, RunSettings.FromJson(start.Run.Options, settings), scenario);
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

            return await _store.MarkStoppedAsync(runId, cancellationToken);
        }
        finally
        {
            _control.Release();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The host is stopping: the run stays running, so the next start resumes it from the checkpoint written now
        // (if the database takes it before the host's shutdown timeout).
        await EndCurrentAsync(finalStatus: null, cancellationToken);
    }

    private void Begin(RunStart start, RunSettings settings, Scenario scenario)
    {
        var session = new TrainingSession(
            start, settings, scenario, _store, _notifier, _topology, _decisions, _log, _retry, _options.MaxQueuedCurvePoints, _logger, _hostStopping);
        _session = session;
        _sessionTask = session.RunAsync();
    }

    private async Task EndCurrentWithinTimeoutAsync(string finalStatus)
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
        await running;
        _idle = session.Snapshot with { State = finalStatus is null ? OrchestratorState.Stopped : OrchestratorState.Idle };
        _session = null;
        _sessionTask = null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not resume or start a training run; nothing learns until an admin starts one or the app restarts")]
    private static partial void LogStartFailed(ILogger logger, Exception error);
}
