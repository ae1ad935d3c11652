using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using EdgeControl.Core.Evaluation;
using EdgeControl.Web.Cluster;

namespace EdgeControl.Web.Training;

/// <summary>
/// Carries <see cref="TrainingNotifier"/> updates between instances, so a dashboard on any instance follows the run:
/// this instance's own updates (curve points and statuses all, placements at most <see cref="PlacementsPerSecond"/>)
/// go out on <see cref="ClusterChannels.Training"/>; the others' come in and are published into the local notifier
/// marked <see cref="TrainingUpdate.RelayedFrom"/>, and are never forwarded again. Sending waits in a small bounded
/// queue on its own loop, so the learning thread never waits for the database.
/// </summary>
internal sealed partial class TrainingRelay(TrainingNotifier notifier, ClusterBus bus, TrainerLease lease, ILogger<TrainingRelay> logger) : BackgroundService
{
    public const int PlacementsPerSecond = 5;

    private static readonly long PlacementSpacing = Stopwatch.Frequency / PlacementsPerSecond;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Curve points hold NaN where a score or loss was not measured.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly Channel<string> _outgoing = Channel.CreateBounded<string>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
    private long _lastPlacement;
    private volatile FollowedTraining? _followed;

    /// <summary>The trainer's latest progress as heard over the bus; null before any.</summary>
    public FollowedTraining? Followed => _followed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var local = notifier.Subscribe(Forward);
        using var remote = bus.Subscribe(ClusterChannels.Training, Receive);
        var failing = false;
        await foreach (var message in _outgoing.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await bus.PublishAsync(ClusterChannels.Training, message, stoppingToken);
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A lost progress message costs other dashboards one update; the next one follows.
            catch (Exception error)
#pragma warning restore CA1031
            {
                // Once per outage: while the database is away every update would fail alike.
                if (!failing)
                {
                    LogForwardFailed(logger, error.Message);
                }

                failing = true;
            }
        }
    }

    private void Forward(TrainingUpdate update)
    {
        if (update.RelayedFrom is not null)
        {
            return;
        }

        if (update.Placement is not null && update.Point is null)
        {
            var now = Stopwatch.GetTimestamp();
            var last = Interlocked.Read(ref _lastPlacement);
            if (now - last < PlacementSpacing || Interlocked.CompareExchange(ref _lastPlacement, now, last) != last)
            {
                return;
            }
        }

        var message = new RelayedUpdate(bus.InstanceId, lease.Held is not null, update);
        _outgoing.Writer.TryWrite(JsonSerializer.Serialize(message, Json));
    }

    private void Receive(string payload)
    {
        RelayedUpdate? message;
        try
        {
            message = JsonSerializer.Deserialize<RelayedUpdate>(payload, Json);
        }
        catch (JsonException error)
        {
            LogUnreadable(logger, error.Message);
            return;
        }

        if (message?.Update is not { } update)
        {
            return;
        }

        if (message.Trains)
        {
            var before = _followed;
            var sameRun = before is not null && before.RunId == update.RunId;
            var at = Math.Max(update.Point?.RealInteractions ?? 0, update.Placement?.RealInteractions ?? 0);
            _followed = new FollowedTraining(
                message.From,
                update.RunId,
                Math.Max(at, sameRun ? before!.RealInteractions : 0),
                update.Point is { } point ? new PolicyScores(point.ClosedLoopScore, point.Score) : sameRun ? before!.LatestScores : null);
        }

        notifier.Publish(update with { RelayedFrom = message.From });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not forward training progress to the other instances ({Reason}); updates are dropped until the database answers again")]
    private static partial void LogForwardFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored an unreadable training progress message from another instance: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);

    /// <param name="Trains">The sender held the trainer lease when it sent this.</param>
    private sealed record RelayedUpdate(string From, bool Trains, TrainingUpdate Update);
}
