using System.Collections.Concurrent;
using System.Threading.Channels;
using EdgeControl.Protocol;
using EdgeControl.Web.Resilience;
using EdgeControl.Web.Telemetry;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// Collects the outcomes every connected device reports into one queue and writes them with one binary COPY per
/// batch (at most <see cref="DeviceHubOptions.MaxBatchRows"/> rows, at most <see cref="DeviceHubOptions.FlushInterval"/>
/// after the first), then tells each device what was refused and the highest sequence settled. One COPY per outcome
/// would cost a transaction per outcome; with 1,000 devices that is the database's whole budget.
/// </summary>
/// <remarks>
/// A device hears <c>Acknowledge</c> at once when it was not acknowledged within
/// <see cref="DeviceHubOptions.AcknowledgeAtMostEvery"/>, otherwise once that time has passed, for everything settled
/// meanwhile: an acknowledgement covers every sequence up to its own, so a device reporting once a second needs one
/// every few seconds, not one per outcome (at 3,000 devices it was one message in five of every round trip). A device
/// that reports rarely hears at once.
/// <para>
/// While the database is away the batch is retried by <see cref="DatabaseRetry"/> and new reports queue up to
/// <see cref="DeviceHubOptions.OutcomeQueueCapacity"/>; past that <see cref="TryEnqueue"/> says no and the hub tells
/// the device to keep its outcomes and send them later (backpressure, never a silent drop). A row the database
/// refuses for its content is isolated by the writer and rejected to its device; the rest of the batch is stored.
/// </para>
/// </remarks>
internal sealed partial class OutcomeBatcher(
    IServiceScopeFactory scopes,
    IHubContext<DevicesHub, IDeviceClient> hub,
    DeviceConnections connections,
    DatabaseRetry retry,
    IOptions<DeviceHubOptions> options,
    TimeProvider clock,
    ILogger<OutcomeBatcher> logger) : BackgroundService
{
    private const string Writer = "device outcome batcher";

    private readonly Channel<HubOutcome> _queue = Channel.CreateUnbounded<HubOutcome>(new UnboundedChannelOptions { SingleReader = true });

    // Cancelled when the host's shutdown timeout runs out: until then a stopping batcher keeps trying to store what waits.
    private readonly CancellationTokenSource _flushDeadline = new();

    private readonly ConcurrentDictionary<Guid, DeviceOutcomeRange> _ranges = new();

    private long _waiting;
    private long _stored;
    private long _rejected;

    /// <summary>Outcomes received and not yet settled (stored or rejected): what waits while the database is away.</summary>
    public long Waiting => Interlocked.Read(ref _waiting);

    /// <summary>Outcomes stored since start (a re-sent one stored before does not count).</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Outcomes rejected since start (a refused field, or a row the database refused).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Whether the batcher holds an entry for the device: it has outcomes waiting, or was acknowledged within the interval.</summary>
    public bool Tracks(Guid nodeId) => _ranges.ContainsKey(nodeId);

    /// <summary>
    /// Queues a device's report, all of it or (when the queue is full) none of it: false means the device must keep
    /// the outcomes and send them again later. Outcomes of <paramref name="nodeId"/> still waiting in the queue are not
    /// queued twice: a device that re-sends what is unacknowledged while the database is away (it does every 30 s)
    /// would otherwise fill the queue with copies, all to be written (and skipped) when the database returns.
    /// </summary>
    public bool TryEnqueue(Guid nodeId, IReadOnlyList<HubOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        while (true)
        {
            var range = _ranges.GetOrAdd(nodeId, _ => new DeviceOutcomeRange());
            lock (range)
            {
                if (range.Forgotten)
                {
                    continue; // forgotten by the sweep just now: the device's next entry takes the report
                }

                List<HubOutcome> fresh = [.. outcomes.Where(o => range.Takes(o.Sequence))];
                // Checked, then added: concurrent reports of other devices may overshoot the capacity a little, never without bound.
                if (Interlocked.Read(ref _waiting) + fresh.Count > options.Value.OutcomeQueueCapacity)
                {
                    return false;
                }

                Interlocked.Add(ref _waiting, fresh.Count);
                foreach (var outcome in fresh)
                {
                    range.Queued(outcome.Sequence);
                    _queue.Writer.TryWrite(outcome);
                }

                return true;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(_flushDeadline.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _flushDeadline.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweep = SweepAsync(stoppingToken);
        var reader = _queue.Reader;
        var batch = new List<HubOutcome>();
        var settings = options.Value;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                // Wait a little for other devices' outcomes; a full batch goes at once.
                var deadline = Task.Delay(settings.FlushInterval, clock, stoppingToken);
                while (batch.Count < settings.MaxBatchRows)
                {
                    if (!reader.TryRead(out var row))
                    {
                        var more = reader.WaitToReadAsync(stoppingToken).AsTask();
                        if (await Task.WhenAny(more, deadline) == deadline || !await more)
                        {
                            break;
                        }

                        continue;
                    }

                    batch.Add(row);
                }

                await SettleAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is already queued is still written below, until the shutdown timeout.
        }

        await FlushAsync(batch, reader);
        await sweep;
        await AcknowledgeAsync(every: 0);
    }

    /// <summary><see cref="DeviceHubOptions.AcknowledgeAtMostEvery"/> in the clock's timestamp units.</summary>
    private long AcknowledgeEvery => (long)(options.Value.AcknowledgeAtMostEvery.TotalSeconds * clock.TimestampFrequency);

    /// <summary>
    /// Sends the acknowledgements put off by <see cref="DeviceHubOptions.AcknowledgeAtMostEvery"/> once each falls due,
    /// and forgets the devices that are done (<see cref="DeviceOutcomeRange"/>).
    /// </summary>
    private async Task SweepAsync(CancellationToken stop)
    {
        // A quarter of the interval: a put-off acknowledgement goes at most a quarter late. With acknowledgements sent at
        // once the sweep only forgets, once a second.
        var every = options.Value.AcknowledgeAtMostEvery;
        using var timer = new PeriodicTimer(every > TimeSpan.Zero ? every / 4 : TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await AcknowledgeAsync(AcknowledgeEvery);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Acknowledges each device that is owed one and was last acknowledged at least <paramref name="every"/> ago, and
    /// forgets each that is done.
    /// </summary>
    private async Task AcknowledgeAsync(long every)
    {
        foreach (var (nodeId, range) in _ranges)
        {
            if (range.TakeAcknowledgement(clock.GetTimestamp(), every) is { } upTo)
            {
                await NotifyAsync(client => client.Acknowledge(upTo), nodeId);
            }
            else if (range.TryForget(clock.GetTimestamp(), every))
            {
                _ranges.TryRemove(KeyValuePair.Create(nodeId, range));
            }
        }
    }

    private async Task FlushAsync(List<HubOutcome> batch, ChannelReader<HubOutcome> reader)
    {
        try
        {
            do
            {
                while (batch.Count < options.Value.MaxBatchRows && reader.TryRead(out var row))
                {
                    batch.Add(row);
                }

                if (batch.Count > 0)
                {
                    await SettleAsync(batch);
                    batch.Clear();
                }
            }
            while (reader.TryPeek(out _));
        }
        catch (OperationCanceledException) when (_flushDeadline.IsCancellationRequested)
        {
            LogGivenUp(logger, Waiting);
        }
    }

    /// <summary>Stores one batch (retrying while the database is away), rejects what was refused, acknowledges each device.</summary>
    private async Task SettleAsync(List<HubOutcome> batch)
    {
        List<StagedOutcome> rows = [.. batch.Where(o => o.Row is not null).Select(o => o.Row!)];
        IReadOnlyList<RejectedOutcome> refusedByDatabase = [];
        if (rows.Count > 0)
        {
            var result = await retry.ExecuteAsync(Writer, async token =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var writer = scope.ServiceProvider.GetRequiredService<DecisionLogWriter>();
                return await writer.AppendAsync(rows, clock.GetUtcNow(), token);
            }, _flushDeadline.Token);
            refusedByDatabase = result.Rejected;
            Interlocked.Add(ref _stored, result.Stored);
        }

        var rejected = batch.Where(o => o.Refusal is not null).Select(o => new RejectedOutcome(o.NodeId, o.Sequence, o.Refusal!))
            .Concat(refusedByDatabase)
            .ToList();
        await RejectAsync(rejected);

        // Within one device, outcomes are queued in the order it sent them and batches are settled in order,
        // so everything up to the highest sequence of this batch is stored or rejected.
        var every = AcknowledgeEvery;
        foreach (var device in batch.GroupBy(o => o.NodeId))
        {
            var highest = device.Max(o => o.Sequence);
            // Not forgotten meanwhile: an entry with outcomes waiting never is.
            var range = _ranges[device.Key];
            range.Settle(highest, device.Count());
            if (range.TakeAcknowledgement(clock.GetTimestamp(), every) is { } upTo)
            {
                await NotifyAsync(client => client.Acknowledge(upTo), device.Key);
            }
        }

        Interlocked.Add(ref _waiting, -batch.Count);
    }

    private async Task RejectAsync(List<RejectedOutcome> rejected)
    {
        if (rejected.Count == 0)
        {
            return;
        }

        var total = Interlocked.Add(ref _rejected, rejected.Count);
        foreach (var device in rejected.GroupBy(r => r.NodeId))
        {
            LogRejected(logger, device.Count(), device.Key, total, device.First().Reason);
            foreach (var outcome in device)
            {
                await NotifyAsync(client => client.Reject(outcome.Sequence, outcome.Reason), device.Key);
            }
        }
    }

    /// <summary>A device that is gone misses the message and re-sends after it reconnects; that must not stop the batcher.</summary>
    private async Task NotifyAsync(Func<IDeviceClient, Task> message, Guid nodeId)
    {
        try
        {
            // A device connected here hears it over its own connection, one by one: with the Redis backplane a group
            // message (and a message to a list of connections) is published to Redis even for a connection on this
            // instance, one PUBLISH per acknowledgement; a single connection here is written to directly. A device
            // that moved to another instance hears it through its group there.
            var here = connections.OpenHere(nodeId);
            if (here.Count == 0)
            {
                await message(hub.Clients.Group(DevicesHub.GroupOf(nodeId)));
            }

            foreach (var connectionId in here)
            {
                await message(hub.Clients.Client(connectionId));
            }
        }
#pragma warning disable CA1031 // Whatever the transport throws, the device re-sends what it did not hear about.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogNotifyFailed(logger, error, nodeId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Count} outcomes of device {NodeId} ({Total} since start): {Reason}")]
    private static partial void LogRejected(ILogger logger, int count, Guid nodeId, long total, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell device {NodeId} what was stored; it re-sends after reconnecting")]
    private static partial void LogNotifyFailed(ILogger logger, Exception error, Guid nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown timeout reached with {Count} device outcomes not stored: the devices still hold them and re-send them to the next instance")]
    private static partial void LogGivenUp(ILogger logger, long count);
}
