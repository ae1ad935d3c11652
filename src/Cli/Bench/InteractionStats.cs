namespace EdgeControl.Cli.Bench;

/// <summary>
/// Real interactions to hold a score, over seeds. A seed that never held it counts as the run's
/// maximum, so the figures are then lower bounds.
/// </summary>
internal sealed record InteractionStats(double Median, long Min, long Max, int Converged, int Seeds)
{
    public bool AllConverged => Converged == Seeds;

    /// <summary>The median depends on a seed that did not converge (it is a lower bound).</summary>
    public bool MedianIsLowerBound { get; init; }

    /// <summary>The median as tables print it: '>' marks a lower bound.</summary>
    public string MedianText => Interactions(Median, MedianIsLowerBound);

    /// <summary>"min - max" as tables print it ('>' on a max some seed never reached; only '>max' when none converged).</summary>
    public string RangeText => Converged == 0
        ? Interactions(Max, lowerBound: true)
        : $"{Interactions(Min, lowerBound: false)} - {Interactions(Max, !AllConverged)}";

    public static InteractionStats From(IReadOnlyCollection<long?> perSeed, long maxInteractions)
    {
        ArgumentNullException.ThrowIfNull(perSeed);
        var values = perSeed.Select(v => v ?? maxInteractions).ToList();
        var converged = perSeed.Count(v => v is not null);
        // Capped seeds sort last; the median touches one of them when the upper middle index reaches them.
        return new InteractionStats(Statistics.Median(values.Select(v => (double)v)), values.Min(), values.Max(), converged, values.Count)
        {
            MedianIsLowerBound = values.Count / 2 >= converged,
        };
    }

    private static string Interactions(double value, bool lowerBound) => (lowerBound ? ">" : "") + value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);
}
