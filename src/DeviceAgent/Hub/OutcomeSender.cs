using System.Diagnostics;
using System.Threading.Channels;
using EdgeControl.Protocol;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace EdgeControl.DeviceAgent.Hub;

/// <summary>
/// Sends the outbox to the hub in sequence order, from one loop (the server's acknowledgement covers every sequence
/// up to one, so the order matters). It never gives up on an outcome and never dies: a refused report
/// (<see cref="HubException"/>: "not taken now") is kept and sent again after a jittered, capped pause; a lost
/// connection waits for the supervisor's reconnect, after which everything unacknowledged is sent again.
/// </summary>
/// <param name="connection">The connection in use now: the client moves to another instance's when its own is gone.</param>
internal sealed class OutcomeSender(Func<HubConnection> connection, IOutcomeOutbox outbox, DeviceHubClientOptions options, TextWriter log)
{
    private static readonly TimeSpan UnexpectedFaultPause = TimeSpan.FromSeconds(1);

    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly BackoffRetryPolicy _refusedBackoff = new(options.FirstRefusedReportDelay, options.MaxRefusedReportDelay);
    private readonly ChangeLog _states = new(log);
    private long _lastAcknowledgement = Stopwatch.GetTimestamp();
    private volatile bool _resendAll;

    /// <summary>
    /// Something new is in the outbox, or time has passed: the client also wakes the loop with every heartbeat tick, so
    /// lost acknowledgements are noticed without a timer of the loop's own (a hub benchmark runs thousands of clients
    /// in one process, and every timer firing walks the runtime's timer queue).
    /// </summary>
    public void Wake() => _signal.Writer.TryWrite(true);

    /// <summary>A new connection: the server may not have received what the last one sent, so send it all again.</summary>
    public void ResendAll()
    {
        _resendAll = true;
        Wake();
    }

    public void Acknowledged() => Interlocked.Exchange(ref _lastAcknowledgement, Stopwatch.GetTimestamp());

    public async Task RunAsync(CancellationToken stop)
    {
        var sentUpTo = long.MinValue;
        var refusals = 0L;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await WaitForWorkAsync(stop);
                if (_resendAll || AcknowledgementsOverdue())
                {
                    _resendAll = false;
                    Acknowledged();
                    sentUpTo = long.MinValue;
                }

                while (!stop.IsCancellationRequested && connection().State == HubConnectionState.Connected)
                {
                    try
                    {
                        var batch = outbox.After(sentUpTo, DeviceHubContract.MaxOutcomesPerReport);
                        if (batch.Count == 0)
                        {
                            break;
                        }

                        using (var call = CancellationTokenSource.CreateLinkedTokenSource(stop))
                        {
                            call.CancelAfter(options.ReportTimeout);
                            await connection().InvokeAsync(DeviceHubContract.ReportOutcomes, batch, call.Token);
                        }

                        sentUpTo = batch[^1].Sequence;
                        if (refusals > 0)
                        {
                            _states.Note($"the server takes outcomes again (after {refusals} refused reports)");
                            refusals = 0;
                        }
                    }
                    catch (HubException error) when (!stop.IsCancellationRequested)
                    {
                        // Not taken now (e.g. its queue is full while its database is down): keep the batch, pause, send it again.
                        _states.Note($"the server does not take outcomes now ({error.Message}); keeping them and sending again after a pause");
                        await Task.Delay(_refusedBackoff.Delay(refusals++), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested && connection().State == HubConnectionState.Connected)
                    {
                        // Unanswered within ReportTimeout: send the same batch again (the loop goes on from sentUpTo).
                        _states.Note($"a report went unanswered for {options.ReportTimeout.TotalSeconds:0} s; sending it again");
                    }
                    catch (Exception error) when (!stop.IsCancellationRequested && HubFaults.IsDisconnect(error))
                    {
                        // The supervisor reconnects and then asks for everything again.
                        break;
                    }
                    catch (Exception error) when (!stop.IsCancellationRequested)
                    {
                        _states.Note($"cannot send outcomes ({HubFaults.Describe(error)}); trying again");
                        await Task.Delay(UnexpectedFaultPause, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private bool AcknowledgementsOverdue() =>
        outbox.Count > 0 && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastAcknowledgement)) > options.ResendUnacknowledgedAfter;

    private async Task WaitForWorkAsync(CancellationToken stop)
    {
        await _signal.Reader.WaitToReadAsync(stop);
        _signal.Reader.TryRead(out _);
    }
}
