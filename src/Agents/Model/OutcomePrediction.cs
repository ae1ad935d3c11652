using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Model;

/// <summary>An ensemble's prediction: mean latency and energy, and the members' spread (std of log latency).</summary>
public readonly record struct OutcomePrediction(double LatencyMs, double EnergyJ, double Spread)
{
    /// <summary>The predicted outcome of running a variant of published top-1 <paramref name="accuracy"/>: the model predicts no accuracy.</summary>
    public Outcome WithAccuracy(double accuracy) => new(LatencyMs, EnergyJ, accuracy);

    /// <summary>
    /// The ensemble's prediction from its members' outputs for one row: member m's log latency at
    /// <paramref name="outputs"/>[m * <paramref name="stride"/>] and its log energy right after it.
    /// </summary>
    public static OutcomePrediction OfMembers(ReadOnlySpan<float> outputs, int members, int stride)
    {
        double latency = 0, energy = 0, squares = 0;
        for (var m = 0; m < members; m++)
        {
            var at = m * stride;
            latency += outputs[at];
            energy += outputs[at + 1];
            squares += outputs[at] * (double)outputs[at];
        }

        var meanLog = latency / members;
        var spread = Math.Sqrt(Math.Max(0, squares / members - meanLog * meanLog));
        return new OutcomePrediction(Math.Exp(meanLog), Math.Exp(energy / members), spread);
    }
}
