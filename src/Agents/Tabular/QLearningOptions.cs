using EdgeControl.Agents.Learning;

namespace EdgeControl.Agents.Tabular;

/// <summary>Hyperparameters of tabular Q-learning and its discretisation of observations.</summary>
/// <param name="BandwidthLevelsMbps">Upper edges of the network levels (uplink Mbps); one more level lies above the last.</param>
/// <param name="LoadLevels">Upper edges of the server load levels (requests in flight); one more level lies above the last.</param>
/// <param name="UseDeviceClass">Whether the device class is part of the state.</param>
/// <param name="UseActionMask">Skip variants that cannot meet the request's accuracy requirement (the same prior knowledge the other learners get).</param>
public sealed record QLearningOptions(
    double LearningRate,
    double Discount,
    EpsilonSchedule Epsilon,
    double[] BandwidthLevelsMbps,
    int[] LoadLevels,
    bool UseDeviceClass,
    bool UseActionMask = true)
{
    /// <summary>
    /// The paper's kind of discretisation (network level x load level x accuracy level) with
    /// the device class added; a learning rate and schedule that suit a few thousand states.
    /// </summary>
    public static QLearningOptions Default { get; } = new(
        LearningRate: 0.1,
        Discount: 0.0,
        Epsilon: new EpsilonSchedule(1.0, 0.05, 50_000),
        BandwidthLevelsMbps: [5.0],
        LoadLevels: [1, 3, 6],
        UseDeviceClass: true);
}
