namespace EdgeControl.Web.Telemetry;

/// <summary>
/// One measured outcome in a telemetry batch, answering one decision: its request id, user, action, target, variant
/// and ticket as the decision gave them. Every field is nullable so a missing one is reported by name.
/// </summary>
internal sealed record OutcomeReport(
    long? Sequence,
    string? RequestId,
    string? User,
    int? Action,
    string? Target,
    string? Variant,
    double? LatencyMs,
    double? EnergyJ,
    double? Accuracy,
    DateTimeOffset? ObservedAt,
    string? Ticket);
