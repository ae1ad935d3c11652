using EdgeControl.Core.Domain;

namespace EdgeControl.Inference;

/// <summary>A worker's measurement of itself: each variant's median forward pass on one slot, and the throughput fitted to them.</summary>
public sealed record SelfProfile(IReadOnlyList<MeasuredVariant> Variants, double GigaMacsPerSecond)
{
    /// <summary>Default passes: the first passes of a network are slower (allocation, libtorch's first-use work) and are not timed.</summary>
    public const int DefaultWarmUps = 2;

    /// <summary>Default timed passes per variant; their median is the variant's figure (odd, so the median is one real pass).</summary>
    public const int DefaultTimedPasses = 7;

    /// <summary>
    /// Measures every variant of <paramref name="catalog"/> on the calling thread with <paramref name="models"/>: warm-up
    /// passes, then the median of the timed passes. Run it where requests will run (a slot's thread, with its torch
    /// thread count) and while nothing else computes, or the figures describe something else.
    /// </summary>
    public static SelfProfile Measure(
        ModelSet models, IReadOnlyList<ModelVariant> catalog, int warmUps = DefaultWarmUps, int timedPasses = DefaultTimedPasses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentOutOfRangeException.ThrowIfNegative(warmUps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timedPasses);
        var measured = new List<MeasuredVariant>(catalog.Count);
        foreach (var variant in catalog)
        {
            for (var pass = 0; pass < warmUps; pass++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                models.TimeForwardPass(variant);
            }

            var times = new double[timedPasses];
            for (var pass = 0; pass < timedPasses; pass++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                times[pass] = models.TimeForwardPass(variant);
            }

            measured.Add(new MeasuredVariant(variant, Median(times)));
        }

        return new SelfProfile(measured, ThroughputFit.GigaMacsPerSecond([.. measured.Select(m => (m.Variant.MegaMacs, m.MedianMs))]));
    }

    /// <summary>Milliseconds the fitted throughput predicts for <paramref name="variant"/>.</summary>
    public double PredictedMs(ModelVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return variant.MegaMacs / GigaMacsPerSecond;
    }

    /// <summary>The median of <paramref name="values"/>, which it sorts in place.</summary>
    internal static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
