using System.Collections.Concurrent;
using System.Threading.Channels;
using EdgeControl.Protocol;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// A device on a bare hub connection (no outbox, no retries), for tests that choose every sequence number and field
/// themselves: it records the decisions (Execute), acknowledgements and rejections it receives.
/// </summary>
internal sealed class RawHubDevice : IAsyncDisposable
{
    private readonly Channel<ExecuteCommand> _decisions = Channel.CreateUnbounded<ExecuteCommand>();
    private long _acknowledgedUpTo = long.MinValue;

    private RawHubDevice(HubConnection connection)
    {
        Connection = connection;
        connection.On<long>(nameof(IDeviceClient.Acknowledge), sequence =>
        {
            Acknowledgements.Enqueue((sequence, DateTimeOffset.UtcNow));
            InterlockedMax(sequence);
        });
        connection.On<long, string>(nameof(IDeviceClient.Reject), (sequence, reason) => Rejections[sequence] = reason);
        connection.On<ExecuteCommand>(nameof(IDeviceClient.Execute), command => _decisions.Writer.TryWrite(command));
    }

    public HubConnection Connection { get; }

    /// <summary>The highest sequence acknowledged so far.</summary>
    public long AcknowledgedUpTo => Interlocked.Read(ref _acknowledgedUpTo);

    /// <summary>Every acknowledgement received, in order, with when it arrived.</summary>
    public ConcurrentQueue<(long Sequence, DateTimeOffset At)> Acknowledgements { get; } = new();

    /// <summary>Rejected sequences and why.</summary>
    public ConcurrentDictionary<long, string> Rejections { get; } = new();

    /// <param name="messagePack">Speak MessagePack, as the device agent does, instead of SignalR's default JSON.</param>
    public static async Task<RawHubDevice> ConnectAsync(Uri server, string apiKey, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server, DeviceHubContract.Path), options => options.Headers[DeviceHubContract.ApiKeyHeader] = apiKey);
        var connection = (messagePack ? builder.AddMessagePackProtocol() : builder).Build();
        var device = new RawHubDevice(connection);
        await connection.StartAsync();
        // The server answers the handshake before it runs OnConnectedAsync (the device's group, on Redis when there is
        // a backplane), and handles a connection's calls only after it: a call that returns means the connection is
        // set up. Without it a test that killed Redis right after connecting could lose the connection to a group
        // subscription that failed after the kill (RedisOutageTests did, once in CI).
        await connection.InvokeAsync(DeviceHubContract.Heartbeat);
        return device;
    }

    /// <summary>Asks for a decision for <paramref name="user"/> and waits for its Execute.</summary>
    public async Task<ExecuteCommand> DecideAsync(string requestId, string user = "camera-1")
    {
        // A connection's messages are handled in order: the heartbeat keeps the device online for the request.
        await Connection.SendAsync(DeviceHubContract.Heartbeat);
        await Connection.InvokeAsync(DeviceHubContract.SubmitRequest, new RequestContext(requestId, user, 20, 5, 40, 0, "regular"));
        return await _decisions.Reader.ReadAsync().AsTask().WaitAsync(Eventually.Patience);
    }

    /// <summary>Asks for a decision for <paramref name="user"/> with Decide, which answers it as the call's result.</summary>
    public async Task<ExecuteCommand> DecideByResultAsync(string requestId, string user = "camera-1")
    {
        await Connection.SendAsync(DeviceHubContract.Heartbeat);
        return await Connection.InvokeAsync<ExecuteCommand>(DeviceHubContract.Decide, new RequestContext(requestId, user, 20, 5, 40, 0, "regular"));
    }

    /// <summary>Execute messages received and not yet taken by <see cref="DecideAsync"/>.</summary>
    public int UnreadExecutes => _decisions.Reader.Count;

    /// <summary>Reports <paramref name="outcomes"/> and waits until the server has settled (stored or rejected) them all.</summary>
    public async Task ReportAsync(params MeasuredOutcome[] outcomes)
    {
        await Connection.InvokeAsync(DeviceHubContract.ReportOutcomes, outcomes);
        var highest = outcomes.Max(o => o.Sequence);
        await Eventually.HoldsAsync(() => AcknowledgedUpTo >= highest);
    }

    /// <summary>What a device measured for <paramref name="command"/>, under <paramref name="sequence"/>, now, with its ticket.</summary>
    public static MeasuredOutcome Outcome(long sequence, ExecuteCommand command) =>
        new(sequence, command.RequestId, command.User, command.Action, command.Target, command.Variant, 42.5, 0.8, 0.71, DateTimeOffset.UtcNow, command.Ticket);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private void InterlockedMax(long sequence)
    {
        var seen = Interlocked.Read(ref _acknowledgedUpTo);
        while (sequence > seen)
        {
            var before = Interlocked.CompareExchange(ref _acknowledgedUpTo, sequence, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }
}
