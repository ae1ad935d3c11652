namespace EdgeControl.Inference;

/// <summary>
/// The one effective throughput (GMAC/s of one slot) that best describes measured forward-pass times, in the twin's
/// model of compute time: milliseconds = MegaMacs / GigaMacsPerSecond (1 GMAC/s is exactly 1 MMAC per ms).
/// <para>
/// Fitted by least squares on the logarithm, which makes it the geometric mean of the variants' MMAC/ms ratios: every
/// variant counts by its relative error (a 14-MMAC variant 1 ms off weighs as much as a 569-MMAC one 40 ms off,
/// where plain least squares would let the largest variants decide alone), and it is the maximum-likelihood fit for
/// the twin's own measurement noise, which is multiplicative (mean-one log-normal). The median of the ratios would
/// also be robust, but the per-variant figures are already medians of several passes, so one stray pass does not
/// reach the fit; the geometric mean keeps every variant's information.
/// </para>
/// </summary>
public static class ThroughputFit
{
    /// <summary>The fitted GMAC/s of (MMAC, median ms) pairs; every figure must be positive.</summary>
    public static double GigaMacsPerSecond(IReadOnlyCollection<(double MegaMacs, double Milliseconds)> measured)
    {
        ArgumentNullException.ThrowIfNull(measured);
        if (measured.Count == 0)
        {
            throw new ArgumentException("at least one measured variant is needed to fit a throughput.", nameof(measured));
        }

        if (measured.Any(m => !(m.MegaMacs > 0) || !(m.Milliseconds > 0)))
        {
            throw new ArgumentException("every variant's MACs and time must be positive to fit a throughput.", nameof(measured));
        }

        return Math.Exp(measured.Average(m => Math.Log(m.MegaMacs / m.Milliseconds)));
    }
}
