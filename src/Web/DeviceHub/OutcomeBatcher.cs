using System.Data.Common;
using System.Threading.Channels;
using EdgeControl.Protocol;
using EdgeControl.Web.Telemetry;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// Collects the outcomes every connected device reports into one queue and writes them with one binary COPY per
/// batch (at most <see cref="DeviceHubOptions.MaxBatchRows"/> rows, at most <see cref="DeviceHubOptions.FlushInterval"/>
/// after the first), then tells each device the highest sequence stored. One COPY per outcome would cost a
/// transaction per outcome; with 1,000 devices that is the database's whole budget.
/// </summary>
internal sealed partial class OutcomeBatcher(
    IServiceScopeFactory scopes,
    IHubContext<DevicesHub, IDeviceClient> hub,
    IOptions<DeviceHubOptions> options,
    TimeProvider clock,
    ILogger<OutcomeBatcher> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>Write attempts after shutdown was requested before the queued outcomes are given up (devices re-send them).</summary>
    private const int AttemptsAfterShutdown = 3;

    // Bounded so a database outage makes devices wait (their ReportOutcomes calls) instead of growing memory without end.
    private readonly Channel<StagedOutcome> _queue = Channel.CreateBounded<StagedOutcome>(
        new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.Wait });

    public ValueTask EnqueueAsync(StagedOutcome outcome, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync(outcome, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var batch = new List<StagedOutcome>();
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

                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is already queued is still written below.
        }

        while (reader.TryRead(out var row))
        {
            batch.Add(row);
        }

        if (batch.Count > 0)
        {
            await WriteAsync(batch, stoppingToken);
        }
    }

    /// <summary>Writes one batch, retrying with backoff; devices keep unacknowledged outcomes, so giving up at shutdown loses nothing.</summary>
    private async Task WriteAsync(List<StagedOutcome> batch, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        var attemptsAfterShutdown = 0;
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var writer = scope.ServiceProvider.GetRequiredService<DecisionLogWriter>();
                await writer.AppendAsync(batch, clock.GetUtcNow(), CancellationToken.None);
                break;
            }
            catch (Exception error) when (error is DbException or DbUpdateException or InvalidOperationException or TimeoutException)
            {
                if (stoppingToken.IsCancellationRequested && ++attemptsAfterShutdown >= AttemptsAfterShutdown)
                {
                    LogGivenUp(logger, error, batch.Count);
                    return;
                }

                LogWriteFailed(logger, error, batch.Count, delay.TotalMilliseconds);
                await Task.Delay(delay, clock, CancellationToken.None);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }

        // Within one device, outcomes are queued in the order it sent them and batches are written in order,
        // so everything up to the highest sequence of this batch is stored.
        foreach (var device in batch.GroupBy(o => o.NodeId))
        {
            var highest = device.Max(o => o.Outcome.Sequence);
            await hub.Clients.Group(DevicesHub.GroupOf(device.Key)).Acknowledge(highest);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store {Count} device outcomes; retrying in {DelayMs} ms (devices keep them until acknowledged)")]
    private static partial void LogWriteFailed(ILogger logger, Exception error, int count, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutting down with {Count} device outcomes not stored: the devices still hold them and re-send them to the next instance")]
    private static partial void LogGivenUp(ILogger logger, Exception error, int count);
}
