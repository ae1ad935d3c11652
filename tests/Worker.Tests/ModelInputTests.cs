using EdgeControl.Core.Catalog;
using EdgeControl.Inference;
using static TorchSharp.torch;

namespace EdgeControl.Worker.Tests;

/// <summary>The wire's uint8 RGB HWC bytes become the network's [1, 3, H, W] input scaled to [0, 1].</summary>
public sealed class ModelInputTests
{
    private static readonly Core.Domain.ModelVariant Variant = PublishedFigures.MobileNetV1.MinBy(v => v.Resolution)!;

    [Fact]
    public void Each_pixels_red_green_and_blue_go_to_their_own_channel_at_the_same_place_scaled_to_one()
    {
        var rgb = new byte[Variant.InputBytes];
        var width = Variant.Resolution;
        // Pixel (row 1, column 2): red 255, green 0, blue 51.
        var at = 3 * ((1 * width) + 2);
        rgb[at] = 255;
        rgb[at + 2] = 51;
        using var scope = NewDisposeScope();

        var input = ModelInput.FromRgbBytes(rgb, Variant);

        Assert.Equal([1L, 3, width, width], input.shape);
        Assert.Equal(1f, input[0, 0, 1, 2].item<float>());
        Assert.Equal(0f, input[0, 1, 1, 2].item<float>());
        Assert.Equal(0.2f, input[0, 2, 1, 2].item<float>(), 6);
        Assert.Equal(1.2f, input.sum().item<float>(), 4);
    }

    [Fact]
    public void Bytes_of_another_size_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ModelInput.FromRgbBytes(new byte[Variant.InputBytes - 3], Variant));
    }
}
