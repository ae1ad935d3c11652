namespace EdgeControl.Agents.Model;

/// <summary>The learned environment model: an ensemble of small MLPs predicting an action's outcome.</summary>
public sealed record EnvironmentModelOptions
{
    public int EnsembleSize { get; init; } = 5;

    public IReadOnlyList<int> Hidden { get; init; } = [64, 64];

    public double LearningRate { get; init; } = 3e-3;

    public int BatchSize { get; init; } = 64;

    /// <summary>Gradient steps per member at each refit.</summary>
    public int StepsPerFit { get; init; } = 100;

    /// <summary>
    /// Describe actions by the node's profile and the variant's cost (default). Off, the model sees only
    /// a one-hot action index: the ablation that shows what generalising across actions is worth.
    /// </summary>
    public bool UseActionFeatures { get; init; } = true;
}
