namespace EdgeControl.Core.Simulation;

/// <summary>What executing one request reports: end-to-end latency, device energy, and the variant's accuracy.</summary>
public readonly record struct Outcome(double LatencyMs, double EnergyJ, double Accuracy)
{
    /// <summary>Whether this execution was slower than the request's SLO or less accurate than it required.</summary>
    public bool MissesRequirementsOf(Observation request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return LatencyMs > request.SloMs || Accuracy < request.AccuracyRequirement;
    }
}
