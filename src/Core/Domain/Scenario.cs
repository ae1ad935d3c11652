namespace EdgeControl.Core.Domain;

/// <summary>A complete, validated experiment: nodes, users, network dynamics, catalog, reward weights, seed.</summary>
/// <param name="MeasurementNoise">Standard deviation of the mean-one log-normal noise on measured compute and transfer times.</param>
/// <param name="EvaluationObservations">Size of the fixed evaluation set used to score policies.</param>
public sealed record Scenario(
    string Name,
    string Description,
    int Seed,
    string CatalogName,
    IReadOnlyList<ModelVariant> Catalog,
    double MeasurementNoise,
    RewardWeights Reward,
    IReadOnlyList<NetworkCondition> Conditions,
    IReadOnlyList<ServerNode> Servers,
    IReadOnlyList<User> Users,
    IReadOnlyList<NodeProfile> DeviceClasses,
    int EvaluationObservations,
    int EvaluationSeed);
