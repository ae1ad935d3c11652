using EdgeControl.Web.Database;
using StackExchange.Redis;

namespace EdgeControl.Web.Cluster;

/// <summary>
/// The one connection to Redis (SignalR's backplane and its health check share it). Start-up waits for Redis as long
/// as it waits for the database, then stops with one sentence; once connected, the client reconnects on its own
/// whenever Redis goes away and this only logs the change: the instance keeps serving its own connections.
/// </summary>
internal sealed partial class RedisConnection(ConfigurationOptions options, ILogger<RedisConnection> logger) : IHostedService, IAsyncDisposable
{
    private readonly TaskCompletionSource<IConnectionMultiplexer> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConnectionMultiplexer? _multiplexer;

    /// <summary>The connected multiplexer (SignalR asks for it when the first hub connection arrives, after start-up).</summary>
    public Task<IConnectionMultiplexer> Multiplexer => _connected.Task;

    /// <summary>Where Redis is (no password), for messages.</summary>
    public string Where => string.Join(", ", options.EndPoints);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
        _multiplexer.ConnectionFailed += (_, failed) => LogLost(logger, failed.EndPoint, failed.FailureType);
        _multiplexer.ConnectionRestored += (_, restored) => LogRestored(logger, restored.EndPoint);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(DatabaseMigrator.StartupWait);
        try
        {
            while (!_multiplexer.IsConnected)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), wait.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"Redis at {Where} did not answer within {DatabaseMigrator.StartupWait.TotalSeconds:0} s of start-up; check ConnectionStrings:{RedisConnectionString.Name} and that redis-server is running.");
        }

        LogConnected(logger, Where, RedisConnectionString.ChannelPrefix);
        _connected.TrySetResult(_multiplexer);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SignalR uses the Redis backplane at {Where} (channels prefixed {Prefix})")]
    private static partial void LogConnected(ILogger logger, string where, string prefix);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost Redis at {Where} ({Failure}): hub messages to devices on other instances fail and new hub connections are refused until it is back; this instance's open connections keep working")]
    private static partial void LogLost(ILogger logger, System.Net.EndPoint? where, ConnectionFailureType failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis at {Where} is back")]
    private static partial void LogRestored(ILogger logger, System.Net.EndPoint? where);
}
