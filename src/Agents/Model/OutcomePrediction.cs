using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Model;

/// <summary>An ensemble's prediction: mean latency and energy, and the members' spread (std of log latency).</summary>
public readonly record struct OutcomePrediction(double LatencyMs, double EnergyJ, double Spread)
{
    /// <summary>The predicted outcome of running a variant of published top-1 <paramref name="accuracy"/>: the model predicts no accuracy.</summary>
    public Outcome WithAccuracy(double accuracy) => new(LatencyMs, EnergyJ, accuracy);
}
