namespace EdgeControl.Core.Domain;

/// <summary>A named state of a user's access network ("regular", "weak").</summary>
public sealed record NetworkCondition(string Name, double UplinkMbps, double RttEdgeMs, double RttCloudMs);
