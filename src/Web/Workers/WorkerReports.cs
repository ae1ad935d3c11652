using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using EdgeControl.Core.Catalog;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Api;

namespace EdgeControl.Web.Workers;

/// <summary>
/// The checks on what a worker reports over its hub (its load, its self-profile): each problem names the field, as
/// the hub's <c>HubException</c> carries it back. A worker's report steers decisions (its load) and is shown to operators
/// (its profile), so nothing out of range or unbounded is taken.
/// </summary>
internal static class WorkerReports
{
    /// <summary>Requests a worker may hold (running and queued): far above any real queue; a larger figure is a bug.</summary>
    public const int MaxRequests = 100_000;

    /// <summary>Execution slots of one worker: more cores than any one machine has.</summary>
    public const int MaxSlots = 1024;

    /// <summary>Timings one profile may list: every variant of every catalog fits many times over.</summary>
    public const int MaxVariants = 256;

    /// <summary>10 PMAC/s: no machine comes near; a larger figure is a unit mistake.</summary>
    public const double MaxGigaMacsPerSecond = 10_000_000;

    /// <summary>One forward pass longer than 10 minutes is no usable measurement.</summary>
    public const double MaxMedianMs = 600_000;

    /// <summary>How the profile is stored in <c>nodes.measured_profile</c> (the web defaults: camelCase).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly FrozenSet<string> KnownVariants =
        PublishedFigures.Catalogs.Values.SelectMany(c => c).Select(v => v.Name).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="load"/> can be taken, otherwise why not, naming the field.</summary>
    public static string? LoadProblem(WorkerLoad? load) => load switch
    {
        null => "load: A load (JSON object with inFlight, queued and slots) is required.",
        { InFlight: < 0 or > MaxRequests } => $"load.inFlight: Requests executing must be 0-{MaxRequests}.",
        { Queued: < 0 or > MaxRequests } => $"load.queued: Requests queued must be 0-{MaxRequests}.",
        { Slots: < 1 or > MaxSlots } => $"load.slots: Execution slots must be 1-{MaxSlots}.",
        _ => null,
    };

    /// <summary>
    /// The profile to store: <paramref name="profile"/> without timings of variants no catalog knows (a newer worker may
    /// measure more; they are dropped, not refused), or the problem naming the field.
    /// </summary>
    public static (WorkerProfile? Profile, string? Problem) Check(WorkerProfile? profile)
    {
        if (profile is null)
        {
            return (null, "profile: A profile (JSON object with gigaMacsPerSecond, slots and variants) is required.");
        }

        if (!double.IsFinite(profile.GigaMacsPerSecond) || profile.GigaMacsPerSecond is <= 0 or > MaxGigaMacsPerSecond)
        {
            return (null, $"profile.gigaMacsPerSecond: The throughput of one slot must be a finite number > 0 and <= {MaxGigaMacsPerSecond}.");
        }

        if (profile.Slots is < 1 or > MaxSlots)
        {
            return (null, $"profile.slots: Execution slots must be 1-{MaxSlots}.");
        }

        if (profile.ServiceOverheadMs is { } overhead && (!double.IsFinite(overhead) || overhead is < 0 or > MaxMedianMs))
        {
            return (null, $"profile.serviceOverheadMs: The milliseconds a request takes beyond its compute must be a finite number >= 0 and <= {MaxMedianMs}.");
        }

        if (profile.Variants is not { Count: > 0 and <= MaxVariants } variants)
        {
            return (null, $"profile.variants: 1-{MaxVariants} variant timings are required.");
        }

        var kept = new List<VariantTiming>(variants.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < variants.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"profile.variants[{i}]");
            if (variants[i] is not { } timing)
            {
                return (null, $"{field}: A variant timing (JSON object with variant and medianMs) is required.");
            }

            if (string.IsNullOrEmpty(timing.Variant) || TextField.Problem(timing.Variant, DecisionLogEntity.MaxVariantLength) is not null)
            {
                return (null, $"{field}.variant: {TextField.Problem(timing.Variant, DecisionLogEntity.MaxVariantLength) ?? "A variant name is required."}");
            }

            if (!double.IsFinite(timing.MedianMs) || timing.MedianMs is <= 0 or > MaxMedianMs)
            {
                return (null, $"{field}.medianMs: The median milliseconds of one forward pass must be a finite number > 0 and <= {MaxMedianMs}.");
            }

            if (!seen.TryAdd(timing.Variant, i))
            {
                return (null, $"{field}.variant: '{timing.Variant}' appears already at profile.variants[{seen[timing.Variant]}].");
            }

            if (KnownVariants.Contains(timing.Variant))
            {
                kept.Add(timing);
            }
        }

        return (profile with { Variants = kept }, null);
    }
}
