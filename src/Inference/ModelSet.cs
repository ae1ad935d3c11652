using System.Diagnostics;
using EdgeControl.Core.Domain;
using static TorchSharp.torch;

namespace EdgeControl.Inference;

/// <summary>
/// The MobileNetV1 networks one thread runs, one per width multiplier (the resolution needs no network of its own:
/// global pooling takes any input size), built on first use in eval mode. Use it from one thread only: TorchSharp's
/// dispose scopes are thread-static, and a network's buffers are not for two threads at once.
/// <para>
/// The weights are random but seeded: every slot of every worker (and the device agent) builds the same networks, so
/// one input gets one answer wherever it runs. Networks are built one at a time under a lock, because the seed is
/// libtorch's one global generator; nothing else here draws from it (timing inputs are constant).
/// </para>
/// </summary>
public sealed class ModelSet : IDisposable
{
    /// <summary>The seed of every network's random weights.</summary>
    public const long WeightsSeed = 1704_04861; // MobileNetV1's arXiv number

    private static readonly Lock Construction = new();
    private readonly Dictionary<double, MobileNetV1> _models = [];

    /// <summary>The five most likely classes of <paramref name="rgb"/> (uint8 RGB HWC at the variant's resolution).</summary>
    public int[] Classify(ModelVariant variant, ReadOnlySpan<byte> rgb)
    {
        ArgumentNullException.ThrowIfNull(variant);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return TopClasses.Of(Network(variant).forward(ModelInput.FromRgbBytes(rgb, variant)));
    }

    /// <summary>
    /// Milliseconds of one forward pass of <paramref name="variant"/> on a constant input (made outside the timing; the
    /// time of these networks does not depend on the values, and a constant draws nothing from the seeded generator).
    /// </summary>
    public double TimeForwardPass(ModelVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var network = Network(variant);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var input = ones(1, 3, variant.Resolution, variant.Resolution);
        var clock = Stopwatch.StartNew();
        network.forward(input);
        return clock.Elapsed.TotalMilliseconds;
    }

    public void Dispose()
    {
        foreach (var model in _models.Values)
        {
            model.Dispose();
        }

        _models.Clear();
    }

    private MobileNetV1 Network(ModelVariant variant)
    {
        if (!_models.TryGetValue(variant.WidthMultiplier, out var model))
        {
            lock (Construction)
            {
                manual_seed(WeightsSeed);
                model = new MobileNetV1(variant.WidthMultiplier);
            }

            model.eval();
            _models[variant.WidthMultiplier] = model;
        }

        return model;
    }
}
