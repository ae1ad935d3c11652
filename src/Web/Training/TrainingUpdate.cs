using EdgeControl.Agents.Training;
using EdgeControl.Web.Topology;

namespace EdgeControl.Web.Training;

/// <summary>
/// What a subscriber of <see cref="TrainingNotifier"/> receives: a run's status, with a new curve point or an
/// executed placement when there is one.
/// </summary>
public sealed record TrainingUpdate(Guid RunId, string Status, CurvePoint? Point)
{
    public PlacementRecord? Placement { get; init; }

    /// <summary>The instance this update came from over the cluster bus, or null for this instance's own (only those are forwarded).</summary>
    public string? RelayedFrom { get; init; }
}
