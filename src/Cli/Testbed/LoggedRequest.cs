using System.Diagnostics.CodeAnalysis;

namespace EdgeControl.Cli.Testbed;

/// <summary>
/// One row of the decision log as the testbed report reads it: a measured outcome, the policy that decided it, and the
/// request context the decision answered (null where the control plane did not log it).
/// </summary>
[SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "a row read once, never mutated")]
internal sealed record LoggedRequest(
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
