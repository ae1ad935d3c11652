using EdgeControl.Agents.Neural;

namespace EdgeControl.Agents.Tests;

/// <summary>
/// The weight average of frozen networks (what a control plane serves from a run's recent policies): every weight and
/// bias is the mean of the snapshots', so a linear network answers the mean of their answers; only one shape averages.
/// </summary>
public sealed class FrozenPerceptronAverageTests
{
    [Fact]
    public void The_average_of_linear_networks_answers_the_mean_of_their_answers()
    {
        var first = new FrozenPerceptron([([1f, 2f, 3f, 4f], [0.5f, -1f])]);
        var second = new FrozenPerceptron([([3f, 0f, -1f, 2f], [1.5f, 3f])]);
        float[] input = [2f, -1f];

        var averaged = Forward(FrozenPerceptron.Average([first, second]), input);

        var (a, b) = (Forward(first, input), Forward(second, input));
        Assert.Equal([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], averaged);
    }

    [Fact]
    public void Each_layer_of_a_deep_network_is_averaged_weight_by_weight()
    {
        var first = new FrozenPerceptron([([1f, 0f], [0f]), ([2f], [1f])]);
        var second = new FrozenPerceptron([([3f, 2f], [2f]), ([4f], [-1f])]);

        // Hidden: relu(2*1 + 1*1 + 1) = 4; output: 3*4 + 0 = 12 (the averaged weights 2, 1 / 1 and 3 / 0).
        Assert.Equal([12f], Forward(FrozenPerceptron.Average([first, second]), [1f, 1f]));
    }

    [Fact]
    public void Networks_of_different_shapes_are_not_averaged()
    {
        var narrow = new FrozenPerceptron([([1f, 2f], [0f])]);
        var wide = new FrozenPerceptron([([1f, 2f, 3f, 4f], [0f, 0f])]);

        var refused = Assert.Throws<ArgumentException>(() => FrozenPerceptron.Average([narrow, wide]));
        Assert.Contains("one shape", refused.Message, StringComparison.Ordinal);
    }

    private static float[] Forward(FrozenPerceptron network, float[] input)
    {
        var output = new float[network.Outputs];
        network.Forward(input, output);
        return output;
    }
}
