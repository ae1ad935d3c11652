using EdgeControl.Core.Domain;

namespace EdgeControl.Core.Simulation;

/// <summary>
/// The one reward function: -(latency / SLO) - w_E * energy / E_ref - P * [accuracy &lt; requirement].
/// Learners predict outcomes, never rewards, so every reward is computed here.
/// </summary>
public static class Reward
{
    public static double Of(in Outcome outcome, Observation request, RewardWeights weights)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(weights);
        return Of(outcome, request.SloMs, request.EnergyWeight, request.AccuracyRequirement, weights);
    }

    public static double Of(in Outcome outcome, double sloMs, double energyWeight, double accuracyRequirement, RewardWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var missesAccuracy = outcome.Accuracy < accuracyRequirement ? 1.0 : 0.0;
        return -(outcome.LatencyMs / sloMs)
            - energyWeight * outcome.EnergyJ / weights.EnergyReferenceJ
            - weights.AccuracyPenalty * missesAccuracy;
    }
}
