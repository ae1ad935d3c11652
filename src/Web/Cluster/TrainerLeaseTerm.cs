using System.Data.Common;
using System.Diagnostics;

namespace EdgeControl.Web.Cluster;

/// <summary>
/// One holding of the trainer lease, from its take to its loss or release. It renews every
/// <see cref="TrainerLeaseOptions.LeaseRenewInterval"/> and counts as lost (<see cref="Lost"/> is cancelled) when a
/// renewal is refused (another instance took it: its epoch or holder changed) or when no renewal succeeded for longer
/// than <see cref="TrainerLeaseOptions.LeaseDuration"/> since the start of the last one that did, measured on this
/// process's monotonic clock. The database set that renewal's expiry to its own <c>now()</c> plus the duration, at a
/// moment after the renewal started, so by then the row may have expired but has not yet for long: this instance stops
/// training no later than another can take over, whatever the two machines' wall clocks say (clock rates are assumed
/// to agree; the fencing epoch covers what slips through).
/// </summary>
internal sealed partial class TrainerLeaseTerm : IAsyncDisposable
{
    private readonly TrainerLease _lease;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _ended = new();
    private readonly Task _renewing;
    private long _lastRenewalStarted;
    private int _finished;

    public TrainerLeaseTerm(TrainerLease lease, long epoch, long takeStarted, ILogger logger)
    {
        _lease = lease;
        _logger = logger;
        Epoch = epoch;
        _lastRenewalStarted = takeStarted;
        Lost = _lost.Token;
        _renewing = Task.Run(RenewAsync);
    }

    /// <summary>This term's fencing token.</summary>
    public long Epoch { get; }

    public string Holder => _lease.InstanceId;

    /// <summary>Cancelled when the lease is lost (never on release).</summary>
    public CancellationToken Lost { get; }

    public bool IsLost => Lost.IsCancellationRequested;

    /// <summary>Why it was lost, once <see cref="Lost"/> is cancelled.</summary>
    public string? LostReason { get; private set; }

    /// <summary>Ends this term as lost (a fenced-out write proved another instance holds the lease); logs one line.</summary>
    public void Lose(string reason)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        LostReason = reason;
        LogLost(_logger, Holder, Epoch, reason);
        _lease.Forget(this);
        _ended.Cancel();
        _lost.Cancel();
    }

    /// <summary>Stops renewing and lets another instance take the lease at once (graceful shutdown).</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        _lease.Forget(this);
        await _ended.CancelAsync();
        await _renewing;
        try
        {
            await _lease.ReleaseAsync(Epoch, cancellationToken);
        }
        catch (Exception error) when (error is DbException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            // Not released: the lease expires by itself after Cluster:LeaseDuration.
            LogReleaseFailed(_logger, error.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync(CancellationToken.None);
        _lost.Dispose();
        _ended.Dispose();
    }

    private async Task RenewAsync()
    {
        var options = _lease.Options;
        while (!_ended.IsCancellationRequested)
        {
            var deadline = options.LeaseDuration - Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastRenewalStarted));
            if (deadline <= TimeSpan.Zero)
            {
                Lose($"no renewal succeeded for longer than Cluster:LeaseDuration ({options.LeaseDuration.TotalSeconds:0.#} s)");
                return;
            }

            try
            {
                await Task.Delay(deadline < options.LeaseRenewInterval ? deadline : options.LeaseRenewInterval, _ended.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var started = Stopwatch.GetTimestamp();
            var left = options.LeaseDuration - Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastRenewalStarted));
            if (left <= TimeSpan.Zero)
            {
                continue;
            }

            try
            {
                // WaitAsync, not the command's own timeout: a renewal stuck on a dead connection must not hold up the
                // moment this term gives up.
                if (await _lease.TryRenewAsync(Epoch, _ended.Token).WaitAsync(left, _ended.Token))
                {
                    Interlocked.Exchange(ref _lastRenewalStarted, started);
                }
                else
                {
                    Lose("another instance took it (its holder or epoch changed)");
                    return;
                }
            }
            catch (OperationCanceledException) when (_ended.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is DbException or TimeoutException or InvalidOperationException)
            {
                LogRenewFailed(_logger, Epoch, error.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trainer lease lost by {Instance} (epoch {Epoch}): {Reason}; it stops training at once and follows the new trainer")]
    private static partial void LogLost(ILogger logger, string instance, long epoch, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the trainer lease (epoch {Epoch}): {Reason}")]
    private static partial void LogRenewFailed(ILogger logger, long epoch, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the trainer lease ({Reason}); it expires by itself")]
    private static partial void LogReleaseFailed(ILogger logger, string reason);
}
