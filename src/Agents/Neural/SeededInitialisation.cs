using TorchSharp;

namespace EdgeControl.Agents.Neural;

/// <summary>
/// Draws a network's initial weights from libtorch's default generator seeded with the learner's seed. That
/// generator is one per process: two learners built at once on two threads (two runs, a test beside the app) would
/// take each other's draws and start from weights their seeds do not give, so seeding and drawing happen under one lock.
/// </summary>
internal static class SeededInitialisation
{
    private static readonly Lock Gate = new();

    public static T Draw<T>(long seed, Func<T> build)
    {
        lock (Gate)
        {
            torch.random.manual_seed(seed);
            return build();
        }
    }
}
