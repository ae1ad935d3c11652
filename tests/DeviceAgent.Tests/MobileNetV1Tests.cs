using EdgeControl.Core.Catalog;
using EdgeControl.DeviceAgent.Inference;

namespace EdgeControl.DeviceAgent.Tests;

public sealed class MobileNetV1Tests
{
    [Fact]
    public async Task A_real_forward_pass_of_the_smallest_variant_takes_measurable_time_and_the_largest_takes_longer()
    {
        var catalog = PublishedFigures.Catalogs["mobilenet_v1"];
        var smallest = catalog.MinBy(v => v.MegaMacs)!;
        var largest = catalog.MaxBy(v => v.MegaMacs)!;
        using var inference = new OnDeviceInference();

        await inference.MeasureAsync(largest); // first call builds the model and warms libtorch up
        var small = await inference.MeasureAsync(smallest);
        var large = await inference.MeasureAsync(largest);

        Assert.True(small > 0, $"smallest took {small} ms");
        // 569 vs 14 MMACs: even on a busy machine the large model is clearly slower.
        Assert.True(large > small * 2, $"largest {large:0.0} ms, smallest {small:0.0} ms");
    }
}
