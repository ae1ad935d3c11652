namespace EdgeControl.Agents.Model;

/// <summary>The learned environment model: an ensemble of small MLPs predicting an action's outcome.</summary>
public sealed record EnvironmentModelOptions
{
    public int EnsembleSize { get; init; } = 5;

    public IReadOnlyList<int> Hidden { get; init; } = [64, 64];

    public double LearningRate { get; init; } = 3e-3;

    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// Share of each member's minibatch rows drawn from the newest <see cref="RecentRows"/> real outcomes (the rest uniformly
    /// from all of them), once there are more than that. Uniform draws let hundreds of rows from before a change of the
    /// environment outvote the first rows after it for as many refits; a stationary environment loses little, since old
    /// rows still fill the other share.
    /// </summary>
    public double RecentShare { get; init; } = 0.5;

    /// <summary>How many of the newest real outcomes count as recent for <see cref="RecentShare"/>.</summary>
    public int RecentRows { get; init; } = 128;

    /// <summary>
    /// The most real outcomes the model keeps: when it holds this many, it drops the older half, so its data are always
    /// the newest 50,000-100,000 outcomes (as the DQN's replay buffer keeps its newest 100,000). Kept without a bound, at
    /// a fleet's 3,000 outcomes a second the rows (108 bytes each on paper-mobilenet) grew by about 1.2 GB an hour, in
    /// memory and in every checkpoint (docs/results/control-plane/bench-hub-3000.txt, section 9). No shipped benchmark's
    /// hybrid run comes near it (the longest: 3,400 real interactions).
    /// </summary>
    public int MaxRows { get; init; } = 100_000;

    /// <summary>Gradient steps per member at each refit.</summary>
    public int StepsPerFit { get; init; } = 100;

    /// <summary>
    /// Describe actions by the node's profile and the variant's cost (default). Off, the model sees only
    /// a one-hot action index: the ablation that shows what generalising across actions is worth.
    /// </summary>
    public bool UseActionFeatures { get; init; } = true;
}
