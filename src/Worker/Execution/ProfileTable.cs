using System.Globalization;
using EdgeControl.Inference;
using EdgeControl.Worker.Options;

namespace EdgeControl.Worker.Execution;

/// <summary>How the worker says what it measures and what it measured: every variant's median, the fit's prediction and its error.</summary>
internal static class ProfileTable
{
    public static void Announce(TextWriter output, WorkerOptions options)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"profiling {options.Catalog.Count} variants on one slot ({options.ThreadsPerSlot} torch thread(s)): {options.ProfileWarmUps} warm-up and {options.ProfileTimedPasses} timed passes each"));
        output.WriteLine("weights are random (no checkpoint can be downloaded here): the compute is real, the classes it answers mean nothing");
    }

    public static void Write(TextWriter output, SelfProfile profile, int slots)
    {
        output.WriteLine("variant                      MMAC   median ms   fitted ms   error");
        foreach (var measured in profile.Variants)
        {
            var predicted = profile.PredictedMs(measured.Variant);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{measured.Variant.Name,-26} {measured.Variant.MegaMacs,6:0} {measured.MedianMs,11:0.00} {predicted,11:0.00} {(predicted / measured.MedianMs) - 1,7:+0%;-0%;0%}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fitted throughput: {profile.GigaMacsPerSecond:0.00} GMAC/s per slot x {slots} slot(s) (least squares on log time: the geometric mean of MMAC/ms)"));
    }
}
