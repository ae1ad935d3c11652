namespace EdgeControl.Core.Evaluation;

/// <summary>What a policy achieved on its own trajectories of the twin.</summary>
/// <param name="Score">(policy - random) / (oracle - random) over all scored requests: 0 random, 1 the oracle.</param>
/// <param name="StandardError">Standard error of the score across the seeds (each seed normalised by its own oracle and random runs).</param>
/// <param name="MeanReward">Mean expected reward per scored request.</param>
/// <param name="MeanLatencyMs">Mean expected latency per scored request.</param>
/// <param name="MissRate">Fraction of scored requests slower than their SLO or less accurate than required.</param>
public sealed record ClosedLoopScore(double Score, double StandardError, double MeanReward, double MeanLatencyMs, double MissRate);
