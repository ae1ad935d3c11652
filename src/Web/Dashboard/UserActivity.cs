using EdgeControl.Web.Topology;

namespace EdgeControl.Web.Dashboard;

/// <summary>One user's recent placements (oldest first) and counts since the run started, as the Users page shows them.</summary>
public sealed record UserActivity(
    string User,
    IReadOnlyList<PlacementRecord> Recent,
    long Requests,
    long Violations,
    IReadOnlyDictionary<string, long> ByTier,
    IReadOnlyDictionary<string, long> ByVariant);
