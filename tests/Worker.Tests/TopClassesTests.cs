using EdgeControl.Inference;
using static TorchSharp.torch;

namespace EdgeControl.Worker.Tests;

/// <summary>The answer of the network: the five largest logits' class indices, most likely first.</summary>
public sealed class TopClassesTests
{
    [Fact]
    public void The_five_largest_logits_are_named_in_order()
    {
        var logits = new float[1000];
        (int Class, float Logit)[] planted = [(3, 9f), (999, 8f), (500, 7.5f), (0, 7f), (42, 6f), (7, 5f)];
        foreach (var (index, logit) in planted)
        {
            logits[index] = logit;
        }

        using var scope = NewDisposeScope();

        Assert.Equal([3, 999, 500, 0, 42], TopClasses.Of(tensor(logits, [1, 1000])));
    }
}
