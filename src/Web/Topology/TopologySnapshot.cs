namespace EdgeControl.Web.Topology;

/// <summary>The network as the control plane sees it now: every node, every user's link and where its requests go.</summary>
public sealed record TopologySnapshot(
    string ScenarioName,
    IReadOnlyList<NodeView> Nodes,
    IReadOnlyList<LinkView> Links,
    IReadOnlyList<UserPlacement> Users,
    DateTimeOffset At);

/// <summary>A node of the topology. <paramref name="Tier"/> is device, edge or cloud; <paramref name="Load"/> counts requests in flight.</summary>
public sealed record NodeView(string Name, string Tier, string Profile, int Load);

/// <summary>The uplink of one user's device to one server, labelled with its current condition.</summary>
public sealed record LinkView(string From, string To, double BandwidthMbps, double RttMs, string Condition);

/// <summary>Where one user's latest request ran, with which variant, and what it measured; null fields before the first request.</summary>
public sealed record UserPlacement(
    string User,
    string Device,
    string? Target,
    string? TargetTier,
    string? Variant,
    double? LatencyMs,
    double? EnergyJ,
    double? Accuracy,
    double SloMs,
    double AccuracyRequirement,
    bool Violated,
    DateTimeOffset? At);
