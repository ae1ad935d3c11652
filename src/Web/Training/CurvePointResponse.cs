using System.ComponentModel;

namespace EdgeControl.Web.Training;

public sealed record CurvePointResponse(
    long RealInteractions,
    [property: Description("Closed-loop normalised score (random 0, oracle 1): the greedy policy decides every request of its own trajectories on the twin, so it pays for the contention it causes. Null for points recorded before it was measured.")]
    double? ClosedLoopScore,
    [property: Description("Open-loop normalised score (random 0, oracle 1): each action scored alone on a fixed set of states, blind to the contention a policy causes.")]
    double Score,
    double WallSeconds,
    double CumulativeRegret,
    long Violations,
    double? ModelLoss);
