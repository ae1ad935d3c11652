namespace EdgeControl.Cli.Bench;

/// <summary>
/// How many times more a baseline paid while learning than the hybrid agent, each up to its own
/// convergence: regret and missed requirements (medians). Null when the hybrid agent paid nothing.
/// </summary>
internal sealed record CostOfLearning(string Baseline, double? RegretRatio, double? ViolationsRatio);
