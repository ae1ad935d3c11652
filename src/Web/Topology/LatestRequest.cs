using EdgeControl.Core.Simulation;

namespace EdgeControl.Web.Topology;

/// <summary>A user's latest executed request: what the policy saw, what it chose, what was measured, and how the dashboard shows it.</summary>
public sealed record LatestRequest(Observation Request, PlacementAction Action, Outcome Outcome, PlacementRecord Placement);
