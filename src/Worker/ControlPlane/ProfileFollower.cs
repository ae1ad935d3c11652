using System.Globalization;
using EdgeControl.Inference;
using EdgeControl.Protocol;
using EdgeControl.Worker.Execution;
using EdgeControl.Worker.Options;

namespace EdgeControl.Worker.ControlPlane;

/// <summary>
/// What the worker reports as its profile: the start-up self-profile until it has served enough passes, then the
/// in-service one (<see cref="InServiceProfile"/>), sent again whenever it has moved by more than <see cref="MovedBy"/>
/// from the one last sent. The service overhead stays the one measured at start (an in-service pass's compute time
/// already includes what is not the overhead).
/// </summary>
internal sealed class ProfileFollower(InferenceSlots slots, WorkerOptions options, TextWriter output)
{
    /// <summary>
    /// The relative change of any variant's figure that is reported: the twin's latency target is 20%, so a drift of
    /// 10% matters, while the median of 15 passes on a busy core wanders by a few percent from one look to the next and
    /// should not rewrite the stored profile every time.
    /// </summary>
    public const double MovedBy = 0.10;

    /// <summary>The profile to report now; call only after the slots are ready.</summary>
    public WorkerProfile Current(double? serviceOverheadMs) => Report(InService.Current(out _), serviceOverheadMs);

    /// <summary>The current profile when it has moved by more than <see cref="MovedBy"/> from <paramref name="sent"/>, else null.</summary>
    public WorkerProfile? Moved(WorkerProfile sent, double? serviceOverheadMs)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var inService = InService;
        var profile = inService.Current(out var servedVariants);
        var before = sent.Variants.ToDictionary(v => v.Variant, v => v.MedianMs, StringComparer.Ordinal);
        var change = profile.Variants.Max(v => before.TryGetValue(v.Variant.Name, out var ms) ? Math.Abs((v.MedianMs / ms) - 1) : double.PositiveInfinity);
        if (change <= MovedBy)
        {
            return null;
        }

        var report = Report(profile, serviceOverheadMs);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"in-service profile: {report.GigaMacsPerSecond:0.00} GMAC/s per slot ({report.GigaMacsPerSecond / inService.StartUp.GigaMacsPerSecond:0.00} x the start-up {inService.StartUp.GigaMacsPerSecond:0.00}), the median of the last {inService.Window} served passes of {servedVariants} variant(s), the rest scaled alike"));
        return report;
    }

    private InServiceProfile InService => slots.InService ?? throw new InvalidOperationException("the slots are not profiled yet");

    private WorkerProfile Report(SelfProfile profile, double? serviceOverheadMs) =>
        new(profile.GigaMacsPerSecond, options.Slots, [.. profile.Variants.Select(v => new VariantTiming(v.Variant.Name, v.MedianMs))], serviceOverheadMs);
}
