namespace EdgeControl.Core.Simulation;

/// <summary>What executing one request reports: end-to-end latency, device energy, and the variant's accuracy.</summary>
public readonly record struct Outcome(double LatencyMs, double EnergyJ, double Accuracy);
