namespace EdgeControl.Web.Telemetry;

/// <summary>An <see cref="OutcomeReport"/> that passed validation: every required field present and in range.</summary>
internal sealed record ValidOutcome(
    long Sequence,
    string RequestId,
    string? User,
    string Target,
    string Variant,
    double LatencyMs,
    double EnergyJ,
    double Accuracy,
    DateTimeOffset ObservedAt);
