namespace EdgeControl.Core.Evaluation;

/// <summary>What a policy achieved over a run of the twin, plus its score on the evaluation set.</summary>
/// <param name="ViolationRate">Fraction of requests whose variant missed the accuracy requirement.</param>
/// <param name="SloMissRate">Fraction of requests slower than their latency SLO.</param>
public sealed record PolicyRunReport(
    string Policy,
    int Requests,
    double MeanLatencyMs,
    double MeanEnergyJ,
    double ViolationRate,
    double SloMissRate,
    double MeanReward,
    double NormalizedScore,
    IReadOnlyDictionary<string, double> PlacementShares);
