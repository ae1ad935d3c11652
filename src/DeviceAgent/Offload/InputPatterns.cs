using System.Collections.Concurrent;
using EdgeControl.Core.Domain;

namespace EdgeControl.DeviceAgent.Offload;

/// <summary>
/// The images a device sends when it offloads: one generated test pattern per input resolution (uint8 RGB, row-major
/// HWC, as <see cref="Protocol.WorkerContract.InferPath"/> takes it), drawn once and reused. Nothing is downloaded: the
/// weights on the worker are random, so what matters is the size of the input and that it is the same every run.
/// </summary>
internal sealed class InputPatterns
{
    /// <summary>Side of one checkerboard square, in pixels.</summary>
    private const int Square = 16;

    private readonly ConcurrentDictionary<int, byte[]> _byResolution = new();

    /// <summary>The input of <paramref name="variant"/>: <see cref="ModelVariant.InputBytes"/> bytes.</summary>
    public ReadOnlyMemory<byte> For(ModelVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return _byResolution.GetOrAdd(variant.Resolution, Draw);
    }

    /// <summary>
    /// Red rises left to right, green top to bottom, blue is a checkerboard: deterministic, different at every
    /// resolution, and not all zeros (a compressing proxy or link could otherwise shrink it).
    /// </summary>
    internal static byte[] Draw(int resolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        var pixels = new byte[resolution * resolution * 3];
        for (var y = 0; y < resolution; y++)
        {
            for (var x = 0; x < resolution; x++)
            {
                var at = ((y * resolution) + x) * 3;
                pixels[at] = (byte)(x * 255 / (resolution - 1));
                pixels[at + 1] = (byte)(y * 255 / (resolution - 1));
                pixels[at + 2] = ((x / Square) + (y / Square)) % 2 == 0 ? (byte)255 : (byte)0;
            }
        }

        return pixels;
    }
}
