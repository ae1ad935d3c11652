using EdgeControl.Agents.Dqn;

namespace EdgeControl.Agents.Tests;

/// <summary>
/// libtorch's generator is one per process: a learner built while another is built on another thread (two runs, the
/// app beside a test) still starts from the weights its own seed gives.
/// </summary>
[Collection(SerialTorchSharp.Name)]
public sealed class SeededInitialisationTests
{
    private const int StateLength = 24;
    private const int Actions = 9;

    [Fact]
    public void Q_functions_built_at_once_on_several_threads_start_from_the_weights_their_seed_gives()
    {
        var state = Enumerable.Range(0, StateLength).Select(i => i / (float)StateLength).ToArray();
        var alone = InitialValues(seed: 7, state);

        var together = new float[64][];
        Parallel.For(0, together.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => together[i] = InitialValues(seed: 7, state));

        Assert.All(together, values => Assert.Equal(alone, values));
        Assert.NotEqual(alone, InitialValues(seed: 8, state));
    }

    private static float[] InitialValues(long seed, float[] state)
    {
        using var q = new QFunction(StateLength, Actions, new DqnOptions(), seed);
        return q.Values(state);
    }
}
