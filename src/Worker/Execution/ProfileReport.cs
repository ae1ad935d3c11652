using System.Globalization;
using EdgeControl.Worker.Options;

namespace EdgeControl.Worker.Execution;

/// <summary>
/// Starts the slots (they profile themselves at once) and prints the self-profile when it is done: every variant's
/// median, what the fitted throughput predicts for it, and the fit. A profile that cannot be measured stops the worker:
/// it could not run a request either.
/// </summary>
internal sealed class ProfileReport(InferenceSlots slots, WorkerOptions options, TextWriter output, IHostApplicationLifetime lifetime, ILogger<ProfileReport> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"profiling {options.Catalog.Count} variants on slot 0 ({options.ThreadsPerSlot} torch thread(s)): {options.ProfileWarmUps} warm-up and {options.ProfileTimedPasses} timed passes each"));
        output.WriteLine("weights are random (no checkpoint can be downloaded here): the compute is real, the classes it answers mean nothing");
        try
        {
            var profile = await slots.Ready.WaitAsync(stoppingToken);
            output.WriteLine("variant                      MMAC   median ms   fitted ms   error");
            foreach (var measured in profile.Variants)
            {
                var predicted = profile.PredictedMs(measured.Variant);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{measured.Variant.Name,-26} {measured.Variant.MegaMacs,6:0} {measured.MedianMs,11:0.00} {predicted,11:0.00} {(predicted / measured.MedianMs) - 1,7:+0%;-0%}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fitted throughput: {profile.GigaMacsPerSecond:0.00} GMAC/s per slot x {options.Slots} slot(s) (least squares on log time); ready"));
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
