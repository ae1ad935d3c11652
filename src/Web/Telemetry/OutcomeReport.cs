namespace EdgeControl.Web.Telemetry;

/// <summary>One measured outcome in a telemetry batch; every field is nullable so a missing one is reported by name.</summary>
internal sealed record OutcomeReport(
    long? Sequence,
    string? RequestId,
    string? User,
    string? Target,
    string? Variant,
    double? LatencyMs,
    double? EnergyJ,
    double? Accuracy,
    DateTimeOffset? ObservedAt);
