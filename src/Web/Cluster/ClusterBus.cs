using System.Collections.Concurrent;
using System.Text;
using EdgeControl.Web.Database;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EdgeControl.Web.Cluster;

/// <summary>
/// Messages between the control-plane instances that share one database, over PostgreSQL <c>LISTEN/NOTIFY</c>: the
/// database every instance needs anyway, so one instance needs nothing more and several need no other broker for
/// these few, small messages (Redis carries only SignalR's traffic). A message reaches every other instance that is
/// listening when it is committed; it is not stored, so after <see cref="Reconnected"/> a subscriber re-reads what it
/// follows from the database.
/// </summary>
internal sealed partial class ClusterBus : BackgroundService
{
    /// <summary>PostgreSQL refuses payloads of 8,000 bytes or more; the origin prefix takes the rest.</summary>
    public const int MaxPayloadBytes = 7000;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    private readonly IOptions<DatabaseOptions> _database;
    private readonly ILogger<ClusterBus> _logger;
    private readonly ConcurrentDictionary<string, ImmutableHandlers> _handlers = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClusterBus(IOptions<ClusterOptions> options, IOptions<DatabaseOptions> database, ILogger<ClusterBus> logger)
    {
        InstanceId = options.Value.InstanceName;
        _database = database;
        _logger = logger;
    }

    /// <summary>This instance's name (<see cref="ClusterOptions.InstanceName"/>).</summary>
    public string InstanceId { get; }

    /// <summary>Raised on the listening loop after its connection came back (not the first time): messages may have been missed.</summary>
    public event Action? Reconnected;

    /// <summary>Completes when the bus first listens (tests; callers never need to wait for it).</summary>
    public Task Listening => _listening.Task;

    /// <summary>Calls <paramref name="handler"/> with each payload another instance publishes on <paramref name="channel"/>.</summary>
    /// <remarks>Handlers run on the listening loop: they must hand work off at once and must not throw.</remarks>
    public IDisposable Subscribe(string channel, Action<string> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(handler);
        if (!ClusterChannels.All.Contains(channel))
        {
            throw new ArgumentException($"'{channel}' is not one of ClusterChannels.", nameof(channel));
        }

        _handlers.AddOrUpdate(channel, _ => new([handler]), (_, current) => current.With(handler));
        return new Subscription(this, channel, handler);
    }

    /// <summary>Sends <paramref name="payload"/> to every other instance listening on <paramref name="channel"/>.</summary>
    public async Task PublishAsync(string channel, string payload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(payload);
        if (Encoding.UTF8.GetByteCount(payload) > MaxPayloadBytes)
        {
            throw new ArgumentException($"A cluster message holds at most {MaxPayloadBytes} bytes; this one on '{channel}' has {Encoding.UTF8.GetByteCount(payload)}.", nameof(payload));
        }

        await using var connection = new NpgsqlConnection(_database.Value.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("payload", Envelope.Wrap(InstanceId, payload));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        var connectedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_database.Value.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += Deliver;
                foreach (var channel in ClusterChannels.All)
                {
                    await using var listen = new NpgsqlCommand($"LISTEN {channel}", connection);
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                delay = FirstRetryDelay;
                if (connectedBefore)
                {
                    LogListeningAgain(_logger);
                    RaiseReconnected();
                }

                connectedBefore = true;
                _listening.TrySetResult();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever broke the listening connection, the bus listens again after a pause.
            catch (Exception error)
#pragma warning restore CA1031
            {
                LogListenFailed(_logger, error.Message);
                await Task.Delay(delay, stoppingToken); // cancelled: the host stops, and so does the bus
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    private void Deliver(object sender, NpgsqlNotificationEventArgs notification)
    {
        if (!Envelope.TryUnwrap(notification.Payload, out var origin, out var payload) || origin == InstanceId
            || !_handlers.TryGetValue(notification.Channel, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers.Items)
        {
#pragma warning disable CA1031 // One broken subscriber must not stop the bus nor starve the others.
            try
            {
                handler(payload);
            }
            catch (Exception error)
            {
                LogHandlerFailed(_logger, error, notification.Channel);
            }
#pragma warning restore CA1031
        }
    }

    private void RaiseReconnected()
    {
#pragma warning disable CA1031 // As for handlers: a subscriber's failure is logged, the bus goes on.
        try
        {
            Reconnected?.Invoke();
        }
        catch (Exception error)
        {
            LogHandlerFailed(_logger, error, "reconnected");
        }
#pragma warning restore CA1031
    }

    private void Unsubscribe(string channel, Action<string> handler) =>
        _handlers.AddOrUpdate(channel, _ => new([]), (_, current) => current.Without(handler));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster bus lost its database connection ({Reason}); listening again shortly")]
    private static partial void LogListenFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The cluster bus listens again; subscribers re-read their state")]
    private static partial void LogListeningAgain(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "A cluster bus subscriber of {Channel} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception error, string channel);

    /// <summary>A copy-on-write handler list: delivery reads it without a lock.</summary>
    private sealed record ImmutableHandlers(Action<string>[] Items)
    {
        public ImmutableHandlers With(Action<string> handler) => new([.. Items, handler]);

        public ImmutableHandlers Without(Action<string> handler) => new([.. Items.Where(h => h != handler)]);
    }

    private sealed class Subscription(ClusterBus bus, string channel, Action<string> handler) : IDisposable
    {
        public void Dispose() => bus.Unsubscribe(channel, handler);
    }

    /// <summary>"origin\npayload": instance names hold no line break (see <see cref="ClusterOptions.InstanceName"/>).</summary>
    private static class Envelope
    {
        public static string Wrap(string origin, string payload) => origin + "\n" + payload;

        public static bool TryUnwrap(string message, out string origin, out string payload)
        {
            var split = message.IndexOf('\n', StringComparison.Ordinal);
            origin = split < 0 ? string.Empty : message[..split];
            payload = split < 0 ? string.Empty : message[(split + 1)..];
            return split > 0;
        }
    }
}
