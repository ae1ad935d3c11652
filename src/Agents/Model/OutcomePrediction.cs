namespace EdgeControl.Agents.Model;

/// <summary>An ensemble's prediction: mean latency and energy, and the members' spread (std of log latency).</summary>
public readonly record struct OutcomePrediction(double LatencyMs, double EnergyJ, double Spread);
