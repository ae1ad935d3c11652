using System.Diagnostics;
using System.Globalization;
using EdgeControl.Protocol;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.DeviceAgent.Hub;

/// <summary>
/// One device's connection to the control plane's device hub: submits request contexts, hands the server's
/// <see cref="ExecuteCommand"/>s to the device, reports measured outcomes through the outbox (<see cref="IOutcomeOutbox"/>)
/// under the device's own increasing sequence numbers, heartbeats, and keeps itself connected.
/// <para>
/// It supervises the connection itself instead of <c>WithAutomaticReconnect</c>: that gives up once its policy returns
/// null and leaves the connection Closed, and its reconnect attempts never show us a 401. Here every connect goes
/// through one loop that retries any fault with backoff, for as long as the server is down, and stops only on a
/// refused key (<see cref="KeyRefused"/>), the one fault retrying cannot fix.
/// </para>
/// </summary>
public sealed class DeviceHubClient : IAsyncDisposable
{
    /// <summary>A connection that lasted at least this long was healthy: the next reconnect starts from the first delay.</summary>
    private static readonly TimeSpan HealthyConnection = TimeSpan.FromSeconds(5);

    /// <summary>One connection per control-plane instance (a HubConnection's URL is fixed when it is built); one is used at a time.</summary>
    private readonly Dictionary<Uri, HubConnection> _connections;
    private readonly ControlPlanes _servers;
    private readonly DeviceHubClientOptions _options;
    private readonly BackoffRetryPolicy _backoff;
    private readonly TextWriter _log;
    private readonly ChangeLog _states;
    private readonly RejectionLog _rejections;
    private readonly OutcomeSender _sender;
    private readonly bool _ownsOutbox;
    private readonly Func<ExecuteCommand, Task> _execute;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstConnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _keyRefused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile HubConnection _connection;
    private Task _supervising = Task.CompletedTask;
    private Task _sending = Task.CompletedTask;
    private Task _heartbeats = Task.CompletedTask;
    private int _started;

    /// <summary>A client of one control plane.</summary>
    /// <param name="outbox">Where outcomes wait; null keeps them in memory only (hub benchmark, server tests), owned by this client.</param>
    public DeviceHubClient(
        Uri server, string apiKey, Func<ExecuteCommand, Task> execute, DeviceHubClientOptions? options = null, TextWriter? log = null, IOutcomeOutbox? outbox = null)
        : this(ControlPlanes.One(server), apiKey, execute, options, log, outbox)
    {
    }

    /// <summary>A client of several instances of one control plane, sharing one database: it fails over between them.</summary>
    /// <param name="outbox">Where outcomes wait; null keeps them in memory only (hub benchmark, server tests), owned by this client.</param>
    public DeviceHubClient(
        ControlPlanes servers, string apiKey, Func<ExecuteCommand, Task> execute, DeviceHubClientOptions? options = null, TextWriter? log = null, IOutcomeOutbox? outbox = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(execute);
        _servers = servers;
        _options = options ?? new DeviceHubClientOptions();
        _backoff = new BackoffRetryPolicy(_options.FirstRetryDelay, _options.MaxRetryDelay);
        _log = log ?? TextWriter.Null;
        _states = new ChangeLog(_log);
        _rejections = new RejectionLog(_log);
        _ownsOutbox = outbox is null;
        _execute = execute;
        // Time-based floor: a restarted agent continues above every sequence it used before even without its outbox
        // (it would have to report more than 1,000 outcomes per millisecond of its previous run to collide).
        Outcomes = outbox ?? new MemoryOutcomeOutbox(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);
        _connections = servers.All.ToDictionary(server => server, server => Build(server, apiKey, execute));
        _connection = _connections[servers.Current];
        _sender = new OutcomeSender(() => _connection, Outcomes, _options, _log);
    }

    /// <summary>The outcomes not settled yet, and the agent's counters.</summary>
    public IOutcomeOutbox Outcomes { get; }

    public HubConnectionState State => _connection.State;

    /// <summary>The control-plane instance the client is connected (or connecting) to.</summary>
    public Uri Server => _servers.Current;

    /// <summary>Faults with <see cref="DeviceAgentException"/> when the server refuses the key (wrong or revoked); never completes otherwise.</summary>
    public Task KeyRefused => _keyRefused.Task;

    public static Uri HubUrl(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new Uri(server.ToString().TrimEnd('/') + DeviceHubContract.Path);
    }

    /// <summary>
    /// Starts keeping the connection up and waits for the first connect (retrying while the server is unreachable).
    /// A refused key throws <see cref="DeviceAgentException"/>. Cancelling stops the waiting, not the supervision.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Start();
        var first = await Task.WhenAny(_firstConnected.Task, _keyRefused.Task).WaitAsync(cancellationToken);
        await first;
    }

    /// <summary>Starts keeping the connection up (once) without waiting for it; watch <see cref="KeyRefused"/> for the fatal fault.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _supervising = Task.Run(() => SuperviseAsync(_stop.Token), CancellationToken.None);
            _sending = Task.Run(() => _sender.RunAsync(_stop.Token), CancellationToken.None);
            _heartbeats = Task.Run(() => HeartbeatLoopAsync(_stop.Token), CancellationToken.None);
        }
    }

    /// <summary>
    /// Asks for a decision and hands it to the client's execute callback before returning. Throws when the server
    /// refuses (<see cref="HubException"/>) or the connection fails. Asks with <see cref="DeviceHubContract.Decide"/>,
    /// which answers the command as the call's result: one hub message less per decision than SubmitRequest's Execute,
    /// on the device and on the control plane. (An Execute the server sends on its own still reaches the callback.)
    /// </summary>
    public async Task SubmitAsync(RequestContext context, CancellationToken cancellationToken)
    {
        var command = await _connection.InvokeAsync<ExecuteCommand>(DeviceHubContract.Decide, context, cancellationToken);
        await _execute(command);
    }

    /// <summary>
    /// Waits until the client is connected (at once when it is now) and returns the task that completes when that
    /// connection closes, so a caller waiting for an answer on it can stop waiting when it is gone. A refused key throws
    /// <see cref="DeviceAgentException"/>.
    /// </summary>
    public async Task<Task> ConnectedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.WhenAny(Volatile.Read(ref _connected).Task, _keyRefused.Task).WaitAsync(cancellationToken);
            await (_keyRefused.Task.IsCompleted ? _keyRefused.Task : Task.CompletedTask);
            var closed = Volatile.Read(ref _closed).Task;
            if (!closed.IsCompleted)
            {
                return closed;
            }

            // Closed a moment ago, and the supervisor has not yet noted it: give it that moment.
            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>Sent without waiting for an answer: one answer lost on a bad link must not stop every later heartbeat.</summary>
    public Task HeartbeatAsync(CancellationToken cancellationToken) =>
        _connection.SendAsync(DeviceHubContract.Heartbeat, cancellationToken);

    /// <summary>Writes <paramref name="outcome"/> to the outbox under the next sequence (on disk before this returns), and sends it when connected.</summary>
    public MeasuredOutcome Report(MeasuredOutcome outcome, bool poison = false)
    {
        var numbered = Outcomes.Add(outcome, poison);
        _sender.Wake();
        return numbered;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_supervising, _sending, _heartbeats);
        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync();
        }

        if (_ownsOutbox)
        {
            Outcomes.Dispose();
        }

        _stop.Dispose();
    }

    /// <summary>
    /// Connects, waits for the connection to close, and connects again, until stopped or the key is refused. With
    /// several instances it moves on to the next one once its instance has not answered for
    /// <see cref="DeviceHubClientOptions.FailoverAfter"/>, and there connects at once; the outbox and its counters are the
    /// same whichever instance it speaks to, and everything unacknowledged is sent again to the new one.
    /// </summary>
    private async Task SuperviseAsync(CancellationToken stop)
    {
        var failures = 0L;
        long? downSince = null;
        while (!stop.IsCancellationRequested)
        {
            var hubUrl = HubUrl(_servers.Current);
            var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _closed, closed);
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop);
                attempt.CancelAfter(_options.ConnectTimeout);
                await _connection.StartAsync(attempt.Token);
            }
            catch (Exception error) when (HubFaults.IsUnauthorized(error))
            {
                // Every instance reads the same database: a key one of them refuses, all of them refuse.
                _log.WriteLine("the server refused the API key (401): it is wrong or has been revoked");
                _keyRefused.TrySetException(new DeviceAgentException("The server refused the API key: it is wrong or has been revoked."));
                return;
            }
            catch (Exception error) when (!stop.IsCancellationRequested)
            {
                downSince ??= Stopwatch.GetTimestamp();
                _states.Note($"cannot reach {hubUrl} ({HubFaults.Describe(error)}); retrying with backoff up to {_options.MaxRetryDelay.TotalSeconds:0} s, outcomes kept");
                if (FailOver(downSince.Value))
                {
                    failures = 0;
                    downSince = Stopwatch.GetTimestamp();
                    continue;
                }

                await Task.Delay(RetryDelay(failures++, downSince.Value), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }

            var connectedAt = Stopwatch.GetTimestamp();
            downSince = null;
            _states.Note(string.Create(CultureInfo.InvariantCulture, $"connected to {hubUrl}; sending the {Outcomes.Count} outcomes in the outbox"));
            _firstConnected.TrySetResult();
            _sender.ResendAll();
            Volatile.Read(ref _connected).TrySetResult();

            await ((Task)closed.Task).WaitAsync(stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Volatile.Write(ref _connected, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (stop.IsCancellationRequested)
            {
                return;
            }

            var reason = closed.Task.Result is { } lost ? HubFaults.Describe(lost) : "closed by the server";
            _states.Note($"connection to {hubUrl} lost ({reason}); reconnecting, {Outcomes.Count} outcomes kept");
            downSince = Stopwatch.GetTimestamp();
            // A server that accepts and at once drops the connection is backed off like one that refuses it.
            failures = Stopwatch.GetElapsedTime(connectedAt) >= HealthyConnection ? 0 : failures + 1;
            await Task.Delay(RetryDelay(failures, downSince.Value), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Moves to the next instance when there is one and the current one has not answered since <paramref name="downSince"/> for long enough.</summary>
    private bool FailOver(long downSince)
    {
        if (_servers.Count < 2 || Stopwatch.GetElapsedTime(downSince) < _options.FailoverAfter)
        {
            return false;
        }

        var from = _servers.Current;
        var to = _servers.MoveNext();
        _connection = _connections[to];
        _states.Note(string.Create(
            CultureInfo.InvariantCulture, $"{from} has not answered for {Stopwatch.GetElapsedTime(downSince).TotalSeconds:0.0} s; moving to {to}, {Outcomes.Count} outcomes kept"));
        return true;
    }

    /// <summary>The backoff, but with several instances never past the moment this one is given up for the next.</summary>
    private TimeSpan RetryDelay(long failures, long downSince)
    {
        var delay = _backoff.Delay(failures);
        if (_servers.Count < 2)
        {
            return delay;
        }

        var untilFailover = _options.FailoverAfter - Stopwatch.GetElapsedTime(downSince);
        return untilFailover < delay ? (untilFailover > TimeSpan.Zero ? untilFailover : TimeSpan.Zero) : delay;
    }

    private HubConnection Build(Uri server, string apiKey, Func<ExecuteCommand, Task> execute)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(HubUrl(server), http =>
            {
                http.Headers[DeviceHubContract.ApiKeyHeader] = apiKey;
                // Straight to a WebSocket: one request (and one key check) per connect instead of two.
                http.SkipNegotiation = true;
                http.Transports = HttpTransportType.WebSockets;
            })
            // Binary rather than JSON: cheaper to write and read on the device and on the control plane, which also
            // keeps JSON for clients without MessagePack (browsers, scripts).
            .AddMessagePackProtocol()
            .Build();
        connection.On<ExecuteCommand>(nameof(IDeviceClient.Execute), execute);
        connection.On<long>(nameof(IDeviceClient.Acknowledge), Acknowledge);
        connection.On<long, string>(nameof(IDeviceClient.Reject), Reject);
        connection.Closed += error =>
        {
            Volatile.Read(ref _closed).TrySetResult(error);
            return Task.CompletedTask;
        };
        return connection;
    }

    private void Acknowledge(long sequence)
    {
        try
        {
            Outcomes.AcknowledgeUpTo(sequence);
            _sender.Acknowledged();
        }
        catch (Exception error)
        {
            // A handler must not throw into the connection. Kept: the outcomes are sent again and the server acknowledges them again.
            _states.Note($"cannot settle outcomes up to {sequence} in the outbox ({HubFaults.Describe(error)}); they will be sent again");
        }
    }

    private void Reject(long sequence, string reason)
    {
        try
        {
            if (Outcomes.Reject(sequence))
            {
                _rejections.Note(sequence, reason);
            }
        }
        catch (Exception error)
        {
            _states.Note($"cannot drop rejected outcome {sequence} from the outbox ({HubFaults.Describe(error)})");
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                // The sender's only clock: it checks for overdue acknowledgements when woken.
                _sender.Wake();
                if (_connection.State != HubConnectionState.Connected)
                {
                    continue;
                }

                try
                {
                    await HeartbeatAsync(stop);
                }
                catch (Exception error) when (!stop.IsCancellationRequested)
                {
                    // Lost between the check and the call, or refused: the supervisor reconnects, the next tick heartbeats again.
                    _states.Note($"heartbeat failed ({HubFaults.Describe(error)})");
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
