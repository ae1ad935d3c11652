using EdgeControl.Core.Catalog;
using EdgeControl.Core.Domain;
using EdgeControl.Inference;

namespace EdgeControl.Worker.Tests;

/// <summary>The profile a worker derives from the passes it served: per variant the median of its last passes, the rest scaled alike.</summary>
public sealed class InServiceProfileTests
{
    private static readonly ModelVariant Small = PublishedFigures.MobileNetV1.Single(v => v.Name == "mobilenet_v1_0.25_128");
    private static readonly ModelVariant Large = PublishedFigures.MobileNetV1.Single(v => v.Name == "mobilenet_v1_1.0_224");

    /// <summary>As measured alone at start: 2 ms and 20 ms.</summary>
    private static readonly SelfProfile StartUp = new(
        [new MeasuredVariant(Small, 2), new MeasuredVariant(Large, 20)],
        ThroughputFit.GigaMacsPerSecond([(Small.MegaMacs, 2), (Large.MegaMacs, 20)]));

    [Fact]
    public void Until_a_variant_has_a_full_window_of_served_passes_the_profile_is_the_start_up_one()
    {
        var inService = new InServiceProfile(StartUp, window: 5);
        for (var pass = 0; pass < 4; pass++)
        {
            inService.Record(Large, 40);
        }

        Assert.Same(StartUp, inService.Current(out var served));
        Assert.Equal(0, served);
    }

    [Fact]
    public void A_served_variant_takes_the_median_of_its_last_passes_and_a_variant_not_served_is_slowed_alike()
    {
        var inService = new InServiceProfile(StartUp, window: 5);
        // 1.5 times the start-up figure, and one pass preempted for 200 ms that the median leaves out.
        foreach (var ms in new[] { 30, 29, 200, 31, 30 })
        {
            inService.Record(Large, ms);
        }

        var profile = inService.Current(out var served);

        Assert.Equal(1, served);
        Assert.Equal(30, profile.Variants.Single(v => v.Variant == Large).MedianMs, 9);
        Assert.Equal(3, profile.Variants.Single(v => v.Variant == Small).MedianMs, 9);
        Assert.Equal(StartUp.GigaMacsPerSecond / 1.5, profile.GigaMacsPerSecond, 9);
    }

    [Fact]
    public void Older_passes_leave_the_window_so_the_profile_follows_a_change_of_speed()
    {
        var inService = new InServiceProfile(StartUp, window: 5);
        foreach (var ms in new[] { 20, 20, 20, 20, 20, 40, 40, 40 })
        {
            inService.Record(Large, ms);
        }

        Assert.Equal(40, inService.Current(out _).Variants.Single(v => v.Variant == Large).MedianMs, 9);
    }

    [Fact]
    public void Each_served_variant_counts_by_its_relative_change_in_the_scaling_of_the_others()
    {
        var third = PublishedFigures.MobileNetV1.Single(v => v.Name == "mobilenet_v1_0.5_160");
        var startUp = new SelfProfile([new MeasuredVariant(Small, 2), new MeasuredVariant(Large, 20), new MeasuredVariant(third, 10)], 20);
        var inService = new InServiceProfile(startUp, window: 1);

        inService.Record(Small, 4); // twice as slow
        inService.Record(Large, 10); // twice as fast

        Assert.Equal(10, inService.Current(out _).Variants.Single(v => v.Variant == third).MedianMs, 9);
    }
}
