using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EdgeControl.Inference;

/// <summary>
/// MobileNetV1 (Howard et al., 2017): a standard 3x3 convolution, then 13 depthwise-separable blocks, global average
/// pooling and a 1000-way classifier. The width multiplier thins every layer as in the TF-slim reference
/// (depth = max(8, channels x multiplier)). Weights are random (no checkpoint can be downloaded here): the compute is
/// real, the classes it names mean nothing.
/// </summary>
public sealed class MobileNetV1 : nn.Module<Tensor, Tensor>
{
    // (output channels, stride) of the 13 depthwise-separable blocks, from the paper's Table 1.
    private static readonly (int Channels, int Stride)[] Blocks =
        [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1)];

    private readonly Sequential _features;
    private readonly Linear _classifier;

    public MobileNetV1(double widthMultiplier)
        : base(nameof(MobileNetV1))
    {
        var layers = new List<nn.Module<Tensor, Tensor>>();
        var channels = Depth(32, widthMultiplier);
        layers.AddRange(ConvBnRelu(3, channels, kernel: 3, stride: 2, groups: 1));
        foreach (var (outputs, stride) in Blocks)
        {
            var next = Depth(outputs, widthMultiplier);
            layers.AddRange(ConvBnRelu(channels, channels, kernel: 3, stride: stride, groups: channels)); // depthwise
            layers.AddRange(ConvBnRelu(channels, next, kernel: 1, stride: 1, groups: 1)); // pointwise
            channels = next;
        }

        layers.Add(nn.AdaptiveAvgPool2d(1));
        layers.Add(nn.Flatten());
        _features = nn.Sequential(layers);
        _classifier = nn.Linear(channels, 1000);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => _classifier.forward(_features.forward(input));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _features.Dispose();
            _classifier.Dispose();
        }

        base.Dispose(disposing);
    }

    private static int Depth(int channels, double multiplier) => Math.Max(8, (int)(channels * multiplier));

    private static IEnumerable<nn.Module<Tensor, Tensor>> ConvBnRelu(int inputs, int outputs, int kernel, int stride, int groups)
    {
        yield return nn.Conv2d(inputs, outputs, kernel, stride: stride, padding: kernel / 2, groups: groups, bias: false);
        yield return nn.BatchNorm2d(outputs);
        yield return nn.ReLU();
    }
}
