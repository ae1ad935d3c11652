using System.Data.Common;
using System.Globalization;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;
using EdgeControl.Data;
using EdgeControl.Web.Cluster;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Topology;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Training;

/// <summary>
/// On an instance that does not train, serves what the trainer serves: each checkpoint id the trainer announces on
/// <see cref="ClusterChannels.Policy"/> is loaded (the run's own settings, its learner, the bytes) into this instance's
/// <see cref="DecisionService"/>, exploring in live mode as the trainer's copy does; and the admin's switch between the
/// learner and a fixed policy (<see cref="ClusterChannels.ServingPolicy"/>) is applied here too. At start and after the
/// bus reconnected (announcements may have been missed) it loads the latest checkpoint of the running run. A checkpoint
/// deleted by retention before it was read (more than <c>Orchestrator:CheckpointsKept</c> newer ones were stored
/// meanwhile) is replaced by the latest of the running run, which is newer still.
/// </summary>
internal sealed partial class ServingPolicyFollower(
    ClusterBus bus,
    TrainerLease lease,
    DecisionService decisions,
    TopologyTracker topology,
    IServiceScopeFactory scopeFactory,
    TimeProvider clock,
    IOptions<OrchestratorOptions> options,
    ILogger<ServingPolicyFollower> logger) : BackgroundService
{
    /// <summary>No particular checkpoint: the latest of the latest running run.</summary>
    private const long Latest = 0;

    private readonly SemaphoreSlim _wake = new(0);
    private readonly Dictionary<string, Scenario> _scenarios = new(StringComparer.Ordinal);
    private long _wanted = Latest;
    private long _loaded = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return; // an instance that never trains does not follow a trainer either (tests that set their own policy)
        }

        using var policies = bus.Subscribe(ClusterChannels.Policy, payload =>
        {
            if (long.TryParse(payload, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                Want(id);
            }
        });
        using var switches = bus.Subscribe(ClusterChannels.ServingPolicy, Switch);
        bus.Reconnected += WantLatest;
        try
        {
            Want(Latest);
            while (!stoppingToken.IsCancellationRequested)
            {
                await _wake.WaitAsync(stoppingToken);
                var wanted = Interlocked.Read(ref _wanted);
                if (lease.Held is not null || wanted == Interlocked.Read(ref _loaded))
                {
                    continue; // the trainer serves its own copy
                }

                try
                {
                    await LoadAsync(wanted, stoppingToken);
                }
                catch (Exception error) when (error is DbException or InvalidOperationException or ScenarioException or IOException)
                {
                    LogLoadFailed(logger, wanted, error.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            bus.Reconnected -= WantLatest;
        }
    }

    private void WantLatest() => Want(Latest);

    private void Want(long id)
    {
        Interlocked.Exchange(ref _wanted, id);
        _wake.Release();
    }

    private void Switch(string name)
    {
        if (ServingPolicies.Names.Contains(name, StringComparer.Ordinal))
        {
            decisions.Serve(name);
            LogSwitched(logger, name);
        }
    }

    private async Task LoadAsync(long wanted, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var checkpoint = wanted == Latest ? null : await db.Checkpoints.AsNoTracking().SingleOrDefaultAsync(c => c.Id == wanted, cancellationToken);
        if (checkpoint is null)
        {
            var running = db.TrainingRuns.Where(r => r.Status == TrainingRunStatuses.Running).OrderByDescending(r => r.StartedAt).Select(r => r.Id).Take(1);
            checkpoint = await db.Checkpoints.AsNoTracking()
                .Where(c => running.Contains(c.RunId))
                .OrderByDescending(c => c.RealInteractions).ThenByDescending(c => c.Id)
                .FirstOrDefaultAsync(cancellationToken);
        }

        if (checkpoint is null || checkpoint.Id == Interlocked.Read(ref _loaded))
        {
            return;
        }

        var run = await db.TrainingRuns.AsNoTracking().SingleAsync(r => r.Id == checkpoint.RunId, cancellationToken);
        var settings = RunSettings.FromJson(run.Options, RunSettings.From(options.Value) with { Agent = run.Agent });
        var scenario = ScenarioOf(settings.ScenarioPath);
        var policy = LearnerCatalog.Default(settings.Agent).Create(scenario, settings.Seed);
        Checkpoint.FromBytes(policy as ICheckpointable ?? throw new InvalidOperationException($"learner '{settings.Agent}' cannot load a checkpoint"), checkpoint.Weights);
        if (lease.Held is not null)
        {
            (policy as IDisposable)?.Dispose();
            return; // became the trainer meanwhile: its session publishes its own
        }

        if (!ReferenceEquals(topology.Scenario, scenario))
        {
            // Devices connected here report outcomes against this scenario.
            topology.Reset(scenario);
        }

        decisions.Publish(scenario, policy, exploring: settings.IsLive, new ServingLineage(run.Id, options.Value.ServingAverageOver));
        Interlocked.Exchange(ref _loaded, checkpoint.Id);
        if (wanted == Latest)
        {
            LogCaughtUp(logger, checkpoint.Id, run.Id, checkpoint.RealInteractions);
            return;
        }

        // By the two instances' clocks (one machine in scripts/cluster.sh): what "every instance serves it within 2 s" is measured by.
        var delayMs = Math.Round(Math.Max(0, (clock.GetUtcNow() - checkpoint.CreatedAt).TotalMilliseconds));
        LogLoaded(logger, checkpoint.Id, run.Id, checkpoint.RealInteractions, delayMs);
    }

    /// <summary>One instance per file, so the decision service keeps its fixed policy across publications (it compares scenarios by reference).</summary>
    private Scenario ScenarioOf(string path)
    {
        if (!_scenarios.TryGetValue(path, out var scenario))
        {
            scenario = ScenarioCatalog.LoadFile(path);
            _scenarios[path] = scenario;
        }

        return scenario;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the trainer's policy from checkpoint {CheckpointId} of run {RunId} ({RealInteractions} real interactions), {DelayMs} ms after the trainer stored it")]
    private static partial void LogLoaded(ILogger logger, long checkpointId, Guid runId, long realInteractions, double delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the running run's latest policy: checkpoint {CheckpointId} of run {RunId} ({RealInteractions} real interactions)")]
    private static partial void LogCaughtUp(ILogger logger, long checkpointId, Guid runId, long realInteractions);

    [LoggerMessage(Level = LogLevel.Information, Message = "An admin switched the serving policy on another instance: {Policy} decides here too")]
    private static partial void LogSwitched(ILogger logger, string policy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the trainer's policy (checkpoint {CheckpointId}, 0: the latest): {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, long checkpointId, string reason);
}
