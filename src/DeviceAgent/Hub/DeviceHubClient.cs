using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;
using EdgeControl.Protocol;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace EdgeControl.DeviceAgent.Hub;

/// <summary>
/// One device's connection to the control plane's device hub: submits request contexts, hands the server's
/// <see cref="ExecuteCommand"/>s to the device, reports measured outcomes under the device's own increasing
/// sequence numbers and keeps them until acknowledged, heartbeats, and reconnects with backoff. After a reconnect it
/// re-sends everything unacknowledged; the server stores each (device, sequence) once.
/// </summary>
internal sealed class DeviceHubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Uri _hubUrl;
    private readonly DeviceHubClientOptions _options;
    private readonly BackoffRetryPolicy _backoff;
    private readonly TextWriter _log;
    private readonly Channel<bool> _sendSignal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private Task _sending = Task.CompletedTask;
    private Task _heartbeats = Task.CompletedTask;

    private volatile bool _resendAll;

    public DeviceHubClient(Uri server, string apiKey, Func<ExecuteCommand, Task> execute, DeviceHubClientOptions? options = null, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(execute);
        _options = options ?? new DeviceHubClientOptions();
        _backoff = new BackoffRetryPolicy(_options.FirstRetryDelay, _options.MaxRetryDelay);
        _log = log ?? TextWriter.Null;
        _hubUrl = HubUrl(server);
        _connection = new HubConnectionBuilder()
            .WithUrl(_hubUrl, http =>
            {
                http.Headers[DeviceHubContract.ApiKeyHeader] = apiKey;
                // Straight to a WebSocket: one request (and one key check) per connect instead of two.
                http.SkipNegotiation = true;
                http.Transports = HttpTransportType.WebSockets;
            })
            .WithAutomaticReconnect(_backoff)
            .Build();
        _connection.On<ExecuteCommand>(nameof(IDeviceClient.Execute), execute);
        _connection.On<long>(nameof(IDeviceClient.Acknowledge), Outcomes.AcknowledgeUpTo);
        _connection.Reconnecting += error =>
        {
            _log.WriteLine($"connection lost ({error?.Message ?? "closed"}); reconnecting, {Outcomes.Count} outcomes kept");
            return Task.CompletedTask;
        };
        _connection.Reconnected += _ =>
        {
            _log.WriteLine($"reconnected; re-sending {Outcomes.Count} unacknowledged outcomes");
            _resendAll = true;
            _sendSignal.Writer.TryWrite(true);
            return Task.CompletedTask;
        };
    }

    // Time-based first sequence: a restarted agent continues above every sequence it used before (it would have to
    // report more than 1,000 outcomes per millisecond of its previous run to collide), without storing a counter.
    public UnacknowledgedOutcomes Outcomes { get; } = new(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);

    public HubConnectionState State => _connection.State;

    public static Uri HubUrl(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new Uri(server.ToString().TrimEnd('/') + DeviceHubContract.Path);
    }

    /// <summary>
    /// Connects, retrying with backoff while the server is unreachable. A refused key is not retried: it throws
    /// <see cref="DeviceAgentException"/> at once.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _connection.StartAsync(cancellationToken);
                break;
            }
            catch (Exception error) when (IsUnauthorized(error))
            {
                throw new DeviceAgentException("The server refused the API key: it is wrong or has been revoked.");
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested
                && error is HttpRequestException or WebSocketException or IOException or TimeoutException or OperationCanceledException)
            {
                var delay = _backoff.Delay(attempt);
                _log.WriteLine($"cannot reach {_hubUrl} yet ({error.Message}); retrying in {delay.TotalSeconds:0.0} s");
                await Task.Delay(delay, cancellationToken);
            }
        }

        _sending = Task.Run(() => SendLoopAsync(_stop.Token), CancellationToken.None);
        _heartbeats = Task.Run(() => HeartbeatLoopAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>A 401 at the WebSocket upgrade: the key was refused (retrying cannot help).</summary>
    private static bool IsUnauthorized(Exception error) => error switch
    {
        HttpRequestException { StatusCode: HttpStatusCode.Unauthorized } => true,
        WebSocketException { InnerException: HttpRequestException { StatusCode: HttpStatusCode.Unauthorized } } => true,
        // .NET words a refused upgrade as "The server returned status code '401' when status code '101' was expected."
        WebSocketException webSocket => webSocket.Message.Contains("'401'", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Asks for a decision; the answer arrives as an Execute. Throws <see cref="HubException"/> when the server refuses (e.g. offline).</summary>
    public Task SubmitAsync(RequestContext context, CancellationToken cancellationToken) =>
        _connection.InvokeAsync(DeviceHubContract.SubmitRequest, context, cancellationToken);

    public Task HeartbeatAsync(CancellationToken cancellationToken) =>
        _connection.InvokeAsync(DeviceHubContract.Heartbeat, cancellationToken);

    /// <summary>Numbers <paramref name="outcome"/> with the next sequence, keeps it until acknowledged and sends it when connected.</summary>
    public MeasuredOutcome Report(MeasuredOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var numbered = Outcomes.Add(outcome);
        _sendSignal.Writer.TryWrite(true);
        return numbered;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _sendSignal.Writer.TryComplete();
        await Task.WhenAll(_sending, _heartbeats);
        await _connection.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>One sender, so outcomes reach the server in sequence order (its acknowledgement covers all up to one sequence).</summary>
    private async Task SendLoopAsync(CancellationToken stop)
    {
        var sentUpTo = long.MinValue;
        try
        {
            while (await _sendSignal.Reader.WaitToReadAsync(stop))
            {
                _sendSignal.Reader.TryRead(out _);
                if (_resendAll)
                {
                    _resendAll = false;
                    sentUpTo = long.MinValue;
                }

                while (_connection.State == HubConnectionState.Connected)
                {
                    var batch = Outcomes.After(sentUpTo, DeviceHubContract.MaxOutcomesPerReport);
                    if (batch.Count == 0)
                    {
                        break;
                    }

                    try
                    {
                        await _connection.InvokeAsync(DeviceHubContract.ReportOutcomes, batch, stop);
                        sentUpTo = batch[^1].Sequence;
                    }
                    catch (HubException error)
                    {
                        // The server rejected the report itself (a bug, not a lost connection): say so and go on with the next.
                        _log.WriteLine($"the server rejected {batch.Count} outcomes: {error.Message}");
                        sentUpTo = batch[^1].Sequence;
                    }
                    catch (Exception error) when (error is InvalidOperationException or IOException or WebSocketException or TaskCanceledException && !stop.IsCancellationRequested)
                    {
                        // Disconnected: everything stays kept and is re-sent after the reconnect.
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (_connection.State != HubConnectionState.Connected)
                {
                    continue;
                }

                try
                {
                    await HeartbeatAsync(stop);
                }
                catch (Exception error) when (error is InvalidOperationException or IOException or WebSocketException && !stop.IsCancellationRequested)
                {
                    // Lost between the check and the call; the next tick after the reconnect heartbeats again.
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
