namespace EdgeControl.Cli.OffPolicy;

/// <summary>
/// An estimate with its 95% confidence interval by the normal approximation: estimate +- 1.96 standard errors, the
/// standard error from the spread of the per-row terms the estimate averages (rows taken as independent draws).
/// </summary>
internal sealed record ConfidenceInterval(double Estimate, double StandardError)
{
    private const double Z95 = 1.959964;

    public double Low => Estimate - Z95 * StandardError;

    public double High => Estimate + Z95 * StandardError;

    public double HalfWidth => Z95 * StandardError;

    public bool Contains(double value) => value >= Low && value <= High;

    /// <summary>The mean of <paramref name="terms"/> and its standard error (sample standard deviation over the square root of the count).</summary>
    public static ConfidenceInterval OfMean(IReadOnlyList<double> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var n = terms.Count;
        var mean = terms.Average();
        var variance = n > 1 ? terms.Sum(t => (t - mean) * (t - mean)) / (n - 1) : double.NaN;
        return new ConfidenceInterval(mean, Math.Sqrt(variance / n));
    }
}
