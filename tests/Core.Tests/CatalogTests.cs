using EdgeControl.Core.Catalog;
using EdgeControl.Core.Domain;

namespace EdgeControl.Core.Tests;

/// <summary>The published MobileNetV1 figures hold the trade-offs the orchestrator exploits.</summary>
public class CatalogTests
{
    private static IReadOnlyList<ModelVariant> Catalog => PublishedFigures.MobileNetV1;

    [Fact]
    public void The_catalog_has_every_width_and_resolution_once()
    {
        Assert.Equal(16, Catalog.Count);
        Assert.Equal(16, Catalog.Select(v => (v.WidthMultiplier, v.Resolution)).Distinct().Count());
        Assert.Equal(16, Catalog.Select(v => v.Name).Distinct().Count());
        Assert.All(Catalog, v => Assert.Equal(FormattableString.Invariant($"mobilenet_v1_{v.WidthMultiplier:0.0#}_{v.Resolution}"), v.Name));
    }

    [Fact]
    public void The_extreme_variants_carry_the_tf_slim_figures()
    {
        var largest = Catalog.Single(v => v.Name == "mobilenet_v1_1.0_224");
        var smallest = Catalog.Single(v => v.Name == "mobilenet_v1_0.25_128");

        Assert.Equal((569.0, 0.709), (largest.MegaMacs, largest.Top1));
        Assert.Equal((14.0, 0.415), (smallest.MegaMacs, smallest.Top1));
    }

    [Fact]
    public void Within_a_width_higher_resolution_costs_more_macs_and_is_more_accurate()
    {
        foreach (var width in Catalog.GroupBy(v => v.WidthMultiplier))
        {
            var byResolution = width.OrderBy(v => v.Resolution).ToList();
            for (var i = 1; i < byResolution.Count; i++)
            {
                Assert.True(byResolution[i].MegaMacs > byResolution[i - 1].MegaMacs, $"{byResolution[i].Name} MACs");
                Assert.True(byResolution[i].Top1 > byResolution[i - 1].Top1, $"{byResolution[i].Name} top-1");
            }
        }
    }

    [Fact]
    public void Within_a_resolution_a_wider_network_costs_more_macs_and_is_more_accurate()
    {
        foreach (var resolution in Catalog.GroupBy(v => v.Resolution))
        {
            var byWidth = resolution.OrderBy(v => v.WidthMultiplier).ToList();
            for (var i = 1; i < byWidth.Count; i++)
            {
                Assert.True(byWidth[i].MegaMacs > byWidth[i - 1].MegaMacs, $"{byWidth[i].Name} MACs");
                Assert.True(byWidth[i].Top1 > byWidth[i - 1].Top1, $"{byWidth[i].Name} top-1");
            }
        }
    }

    [Fact]
    public void The_offloaded_input_is_the_uint8_rgb_image_at_the_variants_resolution()
    {
        Assert.All(Catalog, v => Assert.Equal(v.Resolution * v.Resolution * 3, v.InputBytes));
        Assert.Equal(150_528, Catalog[0].InputBytes);
    }

    [Fact]
    public void Device_profiles_are_slower_than_edge_which_is_slower_than_cloud()
    {
        var profiles = PublishedFigures.NodeProfiles;
        var fastestDevice = profiles.Where(p => p.Tier == Tier.Device).Max(p => p.GigaMacsPerSecond);
        var slowestEdge = profiles.Where(p => p.Tier == Tier.Edge).Min(p => p.GigaMacsPerSecond);
        var fastestEdge = profiles.Where(p => p.Tier == Tier.Edge).Max(p => p.GigaMacsPerSecond);
        var slowestCloud = profiles.Where(p => p.Tier == Tier.Cloud).Min(p => p.GigaMacsPerSecond);

        Assert.True(fastestDevice < slowestEdge);
        Assert.True(fastestEdge < slowestCloud);
        Assert.All(profiles, p => Assert.True(p.ActivePowerW > p.IdlePowerW && p.IdlePowerW > 0 && p.Slots >= 1, p.Name));
    }
}
