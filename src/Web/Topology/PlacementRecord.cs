namespace EdgeControl.Web.Topology;

/// <summary>One executed placement decision, as the dashboard charts it (per-user latency and energy over time).</summary>
public sealed record PlacementRecord(
    string User,
    string Target,
    string TargetTier,
    string Variant,
    double LatencyMs,
    double EnergyJ,
    double Accuracy,
    double SloMs,
    bool Violated,
    long RealInteractions,
    DateTimeOffset At);
