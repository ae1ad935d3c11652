using EdgeControl.Core.Domain;
using static TorchSharp.torch;

namespace EdgeControl.Inference;

/// <summary>
/// The network's input from the bytes a device sends: uint8 RGB, row-major height x width x channel (what a camera
/// frame is), to the [1, 3, H, W] float tensor MobileNetV1 takes, scaled to [0, 1].
/// </summary>
public static class ModelInput
{
    /// <summary>
    /// The tensor for <paramref name="rgb"/> (exactly <see cref="ModelVariant.InputBytes"/> of <paramref name="variant"/>),
    /// made in the caller's dispose scope. Transposed and scaled here, in managed code, rather than with tensor
    /// arithmetic: one pass over at most 150 kB costs less than the temporaries (and the temporary <c>Scalar</c>, see
    /// DESIGN.md) that a permute and a divide would make.
    /// </summary>
    public static Tensor FromRgbBytes(ReadOnlySpan<byte> rgb, ModelVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        if (rgb.Length != variant.InputBytes)
        {
            throw new ArgumentException($"an input of {variant.Name} is {variant.InputBytes} bytes, not {rgb.Length}.", nameof(rgb));
        }

        var plane = variant.Resolution * variant.Resolution;
        var chw = new float[3 * plane];
        for (var pixel = 0; pixel < plane; pixel++)
        {
            chw[pixel] = rgb[3 * pixel] / 255f;
            chw[plane + pixel] = rgb[(3 * pixel) + 1] / 255f;
            chw[(2 * plane) + pixel] = rgb[(3 * pixel) + 2] / 255f;
        }

        return tensor(chw, [1, 3, variant.Resolution, variant.Resolution]);
    }
}
