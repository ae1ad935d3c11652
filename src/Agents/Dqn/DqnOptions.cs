using EdgeControl.Agents.Learning;

namespace EdgeControl.Agents.Dqn;

/// <summary>
/// Double DQN hyperparameters. Defaults next to Stable-Baselines3's DQN defaults, and why they differ:
/// <list type="bullet">
/// <item>Learning rate 1e-3 (SB3 1e-4): rewards are dense and small; the faster rate is stable here and the sweep tries both.</item>
/// <item>Discount 0 (SB3 0.99): the score is the expected reward of each request, which the myopic oracle maximises; the sweep tries 0.5 and 0.9.</item>
/// <item>Batch 64 (SB3 32), train on every step (SB3 every 4): real steps are the scarce resource, so each one is used more.</item>
/// <item>Target update every 250 steps (SB3 10,000): with a short horizon a stale target only slows learning.</item>
/// <item>Epsilon 1.0 to 0.05 over 5,000 steps (SB3: over 10% of training): an absolute schedule makes runs of different lengths comparable.</item>
/// <item>Hidden layers 128-128 (SB3 64-64), Huber loss and gradient clipping at 10 as in SB3; replay 100,000 (SB3 1,000,000).</item>
/// </list>
/// </summary>
public sealed record DqnOptions
{
    public IReadOnlyList<int> Hidden { get; init; } = [128, 128];

    public double LearningRate { get; init; } = 1e-3;

    public double Discount { get; init; }

    public int BatchSize { get; init; } = 64;

    public int BufferCapacity { get; init; } = 100_000;

    public int LearningStarts { get; init; } = 64;

    public int TrainEvery { get; init; } = 1;

    public int GradientSteps { get; init; } = 1;

    public int TargetUpdateInterval { get; init; } = 250;

    public double MaxGradNorm { get; init; } = 10.0;

    public EpsilonSchedule Epsilon { get; init; } = new(1.0, 0.05, 5_000);

    /// <summary>Skip variants that cannot meet the request's accuracy requirement (see <see cref="ActionMask"/>).</summary>
    public bool UseActionMask { get; init; } = true;
}
