using EdgeControl.DeviceAgent.Offload;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>The inputs a device offloads: generated, one per resolution, the size the contract says.</summary>
public sealed class InputPatternsTests
{
    [Fact]
    public void Every_variant_gets_an_rgb_input_of_its_resolution_made_once_and_the_same_every_run()
    {
        var patterns = new InputPatterns();

        foreach (var variant in PaperScenario.Load().Catalog)
        {
            var input = patterns.For(variant);
            Assert.Equal(variant.Resolution * variant.Resolution * 3, input.Length);
            Assert.True(input.Equals(patterns.For(variant)), "the same variant's input is drawn again instead of reused");
            Assert.Equal(input.ToArray(), new InputPatterns().For(variant).ToArray());
        }
    }

    [Fact]
    public void The_pattern_has_a_gradient_in_red_and_green_and_a_checkerboard_in_blue()
    {
        var pixels = InputPatterns.Draw(128);

        Assert.Equal((0, 0, 255), Pixel(pixels, 128, x: 0, y: 0));
        Assert.Equal((255, 0, 0), Pixel(pixels, 128, x: 127, y: 0));
        Assert.Equal((0, 255, 0), Pixel(pixels, 128, x: 0, y: 127));
        Assert.Equal(0, Pixel(pixels, 128, x: 16, y: 0).B);
        Assert.Equal(255, Pixel(pixels, 128, x: 16, y: 16).B);
    }

    private static (int R, int G, int B) Pixel(byte[] pixels, int resolution, int x, int y)
    {
        var at = ((y * resolution) + x) * 3;
        return (pixels[at], pixels[at + 1], pixels[at + 2]);
    }
}
