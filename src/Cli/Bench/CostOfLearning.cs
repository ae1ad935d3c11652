using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// How many times more a baseline paid while learning than the hybrid agent, each up to its own convergence in
/// <see cref="Loop"/>: regret and missed requirements (medians). Null when the hybrid agent paid nothing.
/// </summary>
internal sealed record CostOfLearning(string Baseline, ScoreLoop Loop, double? RegretRatio, double? ViolationsRatio);
