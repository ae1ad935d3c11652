using EdgeControl.Core.Catalog;
using EdgeControl.Inference;

namespace EdgeControl.Worker.Tests;

/// <summary>The worker's measurement of itself: a real median per variant, and the one throughput that fits them.</summary>
public sealed class SelfProfileTests
{
    [Fact]
    public void Every_variant_gets_a_positive_median_and_the_throughput_is_the_fit_of_those_medians()
    {
        // The two smallest variants: real passes of milliseconds each.
        var catalog = PublishedFigures.MobileNetV1.OrderBy(v => v.MegaMacs).Take(2).ToList();
        using var models = new ModelSet();

        var profile = SelfProfile.Measure(models, catalog, warmUps: 1, timedPasses: 3);

        Assert.Equal(catalog, profile.Variants.Select(v => v.Variant));
        Assert.All(profile.Variants, v => Assert.True(v.MedianMs > 0, $"{v.Variant.Name}: {v.MedianMs} ms"));
        var ratios = profile.Variants.Select(v => v.Variant.MegaMacs / v.MedianMs).ToList();
        Assert.InRange(profile.GigaMacsPerSecond, ratios.Min(), ratios.Max());
        Assert.Equal(Math.Sqrt(ratios[0] * ratios[1]), profile.GigaMacsPerSecond, 9);
    }

    [Fact]
    public void The_fitted_throughput_is_the_geometric_mean_of_the_MMAC_per_ms_ratios()
    {
        // 100 MMAC in 50 ms is 2 GMAC/s, 400 MMAC in 50 ms is 8: the log-space fit is 4, which is off by the same factor
        // (2) on both, where a fit of plain squared error would follow the larger variant.
        var fitted = ThroughputFit.GigaMacsPerSecond([(100, 50), (400, 50)]);

        Assert.Equal(4, fitted, 9);
    }

    [Fact]
    public void One_variant_alone_gives_its_own_ratio()
    {
        Assert.Equal(14.0 / 3.5, ThroughputFit.GigaMacsPerSecond([(14, 3.5)]), 9);
    }

    [Fact]
    public void A_fit_of_no_or_nonpositive_measurements_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ThroughputFit.GigaMacsPerSecond([]));
        Assert.Throws<ArgumentException>(() => ThroughputFit.GigaMacsPerSecond([(14, 0)]));
    }

    [Fact]
    public void The_profile_predicts_a_variant_from_its_MACs()
    {
        var variant = PublishedFigures.MobileNetV1[0];
        var profile = new SelfProfile([new MeasuredVariant(variant, 100)], 5);

        Assert.Equal(variant.MegaMacs / 5, profile.PredictedMs(variant), 9);
    }
}
