namespace EdgeControl.Web.Resilience;

/// <summary>
/// A database housekeeping job (retention, pruning) run at start-up and then every <see cref="Interval"/>, through the
/// writers' shared retry policy: an outage is waited out, a refused statement is logged and tried again at the next
/// sweep (what it would have deleted is still there then), and the host never sees an exception.
/// </summary>
internal abstract partial class PeriodicSweep(DatabaseRetry retry, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    /// <summary>What the logs and the retry policy call this sweep ("retention sweep").</summary>
    protected abstract string Name { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>One sweep; the retry policy repeats it while the database is unavailable.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        do
        {
            try
            {
                await retry.ExecuteAsync(Name, async token => await RunOnceAsync(token), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Only a refused statement gets here (the retry waits out outages); the rows are still there at the next sweep.
            catch (Exception error)
#pragma warning restore CA1031
            {
                LogFailed(Logger, error, Name);
            }
        }
        while (await WaitForNextAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitForNextAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Sweep} failed; trying again at the next sweep")]
    private static partial void LogFailed(ILogger logger, Exception error, string sweep);
}
