namespace EdgeControl.Protocol;

/// <summary>
/// What a device knows about one pending inference request of one of its users: the user (by scenario name)
/// and the device's own view of its network and load. The control plane adds server loads and requirements.
/// Nullable so a missing field is reported by name.
/// </summary>
public sealed record RequestContext(
    string? RequestId,
    string? User,
    double? UplinkMbps,
    double? RttEdgeMs,
    double? RttCloudMs,
    int? LocalLoad,
    string? NetworkCondition);
