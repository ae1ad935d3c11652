using EdgeControl.Worker.Options;

namespace EdgeControl.Worker.Execution;

/// <summary>
/// Starts the slots (they profile themselves at once) and prints the self-profile when it is done. A profile that
/// cannot be measured stops the worker: it could not run a request either.
/// </summary>
internal sealed class ProfileReport(InferenceSlots slots, WorkerOptions options, TextWriter output, IHostApplicationLifetime lifetime, ILogger<ProfileReport> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ProfileTable.Announce(output, options);
        try
        {
            ProfileTable.Write(output, await slots.Ready.WaitAsync(stoppingToken), options.Slots);
            output.WriteLine("ready");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            log.ProfileFailed(error);
            lifetime.StopApplication();
        }
    }
}
