namespace EdgeControl.Core.Domain;

/// <summary>One deployable DNN variant: its cost (MACs, input size) and its accuracy.</summary>
/// <param name="Top1">ImageNet top-1 accuracy as a fraction (0.709 for 70.9%).</param>
public sealed record ModelVariant(
    string Name,
    double WidthMultiplier,
    int Resolution,
    double MegaMacs,
    double MegaParameters,
    double Top1)
{
    /// <summary>Bytes sent when the request is offloaded: the uint8 RGB input tensor at this resolution.</summary>
    public int InputBytes => Resolution * Resolution * 3;
}
