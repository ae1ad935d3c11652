using System.Diagnostics.CodeAnalysis;

namespace EdgeControl.Core.Logging;

/// <summary>
/// One row of the decision log as plain values: a measured outcome, the policy that decided it, and the
/// request context the decision answered (null where the control plane did not log it).
/// </summary>
[SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "a row read once, never mutated")]
public sealed record LoggedDecision(
    string? UserName,
    string Target,
    string Variant,
    double LatencyMs,
    double EnergyJ,
    double Accuracy,
    double? Reward,
    DateTimeOffset ObservedAt,
    int? Action = null,
    double? ActionProbability = null,
    string? ServedBy = null,
    double? UplinkMbps = null,
    double? RttEdgeMs = null,
    double? RttCloudMs = null,
    int? LocalLoad = null,
    string? NetworkCondition = null,
    int[]? ServerLoads = null);
