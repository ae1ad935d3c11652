using System.Text.Json;
using System.Threading.Channels;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Workers;

namespace EdgeControl.Web.Cluster;

/// <summary>
/// Keeps every instance's <see cref="WorkerRegistry"/> as current as the one the worker is connected to: each heartbeat
/// (with its load) is forwarded over <see cref="ClusterChannels.Workers"/> (workers are few and beat every few seconds,
/// so every beat goes), and a registration or a new self-profile makes the other instances re-read that worker from
/// the database. So a worker counts online on every instance while any instance hears from it, and offline on every
/// instance once none has for <c>DeviceHub:OfflineAfter</c>; every instance masks its server and signs its tokens
/// alike. Publishing is off the hub's path: a heartbeat never waits for the database, and one the bus could not take
/// is dropped (the next one carries the same news).
/// </summary>
internal sealed partial class WorkerStatusRelay(
    ClusterBus bus, WorkerRegistry registry, IServiceScopeFactory scopes, ILogger<WorkerStatusRelay> logger) : BackgroundService
{
    private const string BeatChange = "beat";
    private const string ReloadChange = "changed";

    /// <summary>Many times the messages of any real fleet in one bus round trip; the oldest are dropped beyond it.</summary>
    private const int Capacity = 1024;

    private static readonly JsonSerializerOptions Json = WorkerReports.Json;

    private readonly Channel<WorkerStatus> _outgoing = Channel.CreateBounded<WorkerStatus>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private bool _failing;

    /// <summary>The worker connected here heartbeat with <paramref name="load"/>.</summary>
    public void Beaten(Guid id, WorkerLoad load) => _outgoing.Writer.TryWrite(new WorkerStatus(id, BeatChange, load));

    /// <summary>The worker registered, or reported a new profile, here (stored): the others re-read it.</summary>
    public void Changed(Guid id) => _outgoing.Writer.TryWrite(new WorkerStatus(id, ReloadChange, Load: null));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = bus.Subscribe(ClusterChannels.Workers, OnStatus);
        bus.Reconnected += OnBusReconnected;
        try
        {
            await foreach (var status in _outgoing.Reader.ReadAllAsync(stoppingToken))
            {
                await PublishAsync(status, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            bus.Reconnected -= OnBusReconnected;
        }
    }

    private async Task PublishAsync(WorkerStatus status, CancellationToken cancellationToken)
    {
        try
        {
            await bus.PublishAsync(ClusterChannels.Workers, JsonSerializer.Serialize(status, Json), cancellationToken);
            if (_failing)
            {
                _failing = false;
                LogPublishingAgain(logger);
            }
        }
#pragma warning disable CA1031 // The database (the bus) is away: the news is dropped, logged once; the next beat carries it again.
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            if (!_failing)
            {
                _failing = true;
                LogPublishFailed(logger, error.Message);
            }
        }
    }

    /// <summary>On the bus's listening loop: in-memory only, except a worker this instance does not know yet, read off the loop.</summary>
    private void OnStatus(string payload)
    {
        WorkerStatus? status;
        try
        {
            status = JsonSerializer.Deserialize<WorkerStatus>(payload, Json);
        }
        catch (JsonException)
        {
            status = null;
        }

        if (status is null)
        {
            LogMalformed(logger, payload);
            return;
        }

        if (status.Change == BeatChange && status.Load is { } load && registry.Knows(status.Node))
        {
            registry.Heard(status.Node, load);
            return;
        }

        _ = ReloadAsync(status.Node, status.Change == BeatChange ? status.Load : null);
    }

    private void OnBusReconnected() => _ = ReloadAsync(nodeId: null, load: null);

    /// <summary>Re-reads one worker (or, after the bus was away, all of them: registrations, profiles and revocations may have been missed).</summary>
    private async Task ReloadAsync(Guid? nodeId, WorkerLoad? load)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await WorkerRegistryLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>(), registry, nodeId, CancellationToken.None);
            if (nodeId is { } id && load is not null && registry.Knows(id))
            {
                registry.Heard(id, load);
            }
        }
#pragma warning disable CA1031 // Off the bus's loop, nobody to throw to: logged; the worker's next heartbeat asks again.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogReloadFailed(logger, error, nodeId);
        }
    }

    /// <summary>One message on <see cref="ClusterChannels.Workers"/>: a heartbeat with its load, or "re-read this worker".</summary>
    private sealed record WorkerStatus(Guid Node, string Change, WorkerLoad? Load);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not relay worker heartbeats to the other instances ({Reason}); they see these workers offline until it works again")]
    private static partial void LogPublishFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Relaying worker heartbeats to the other instances again")]
    private static partial void LogPublishingAgain(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a worker status message that could not be read: '{Payload}'")]
    private static partial void LogMalformed(ILogger logger, string payload);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-read worker {NodeId} (null: all) after news from another instance")]
    private static partial void LogReloadFailed(ILogger logger, Exception error, Guid? nodeId);
}
