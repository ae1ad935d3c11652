namespace EdgeControl.Core.Evaluation;

/// <summary>What a policy achieved over a run of the twin, plus its two scores.</summary>
/// <param name="MeanLatencyMs">Measured (with the scenario's noise) over the run's requests; so are the other means and rates.</param>
/// <param name="ViolationRate">Fraction of requests whose variant missed the accuracy requirement.</param>
/// <param name="SloMissRate">Fraction of requests slower than their latency SLO.</param>
/// <param name="NormalizedScore">Open-loop score: the policy's actions on the fixed evaluation set (random 0, oracle 1).</param>
/// <param name="ClosedLoop">Closed-loop score: the policy on its own trajectories from the evaluation's fixed seeds, with its standard error.</param>
public sealed record PolicyRunReport(
    string Policy,
    int Requests,
    double MeanLatencyMs,
    double MeanEnergyJ,
    double ViolationRate,
    double SloMissRate,
    double MeanReward,
    double NormalizedScore,
    ClosedLoopScore ClosedLoop,
    IReadOnlyDictionary<string, double> PlacementShares);
