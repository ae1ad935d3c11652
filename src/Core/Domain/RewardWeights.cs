namespace EdgeControl.Core.Domain;

/// <param name="EnergyReferenceJ">Energy that counts as much as one SLO of latency when the user's weight is 1.</param>
/// <param name="AccuracyPenalty">Reward lost when the variant misses the request's accuracy requirement.</param>
public sealed record RewardWeights(double EnergyReferenceJ, double AccuracyPenalty);
