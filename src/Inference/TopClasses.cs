using static TorchSharp.torch;

namespace EdgeControl.Inference;

/// <summary>The answer of a classifier: the indices of its largest logits, most likely first.</summary>
public static class TopClasses
{
    /// <summary>The <paramref name="count"/> most likely class indices of a [1, classes] logits tensor.</summary>
    public static int[] Of(Tensor logits, int count = 5)
    {
        ArgumentNullException.ThrowIfNull(logits);
        var (values, indices) = logits.topk(count, dim: 1, largest: true, sorted: true);
        using (values)
        using (indices)
        {
            return [.. indices.data<long>().Select(index => (int)index)];
        }
    }
}
