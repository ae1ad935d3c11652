namespace EdgeControl.Data;

/// <summary>One evaluation of a run's greedy policy: a point of its learning curve.</summary>
public sealed class CurvePointEntity
{
    public long Id { get; set; }

    public Guid RunId { get; set; }

    public long RealInteractions { get; set; }

    /// <summary>Open-loop normalised score: each action scored alone on the fixed evaluation set (random 0, oracle 1).</summary>
    public double Score { get; set; }

    /// <summary>
    /// Closed-loop normalised score: the greedy policy on its own trajectories of the twin, so it sees the contention it
    /// causes (random 0, oracle 1). Null for points recorded before it was measured.
    /// </summary>
    public double? ClosedLoopScore { get; set; }

    /// <summary>Learning time of the run so far, summed over restarts.</summary>
    public double WallSeconds { get; set; }

    public double CumulativeRegret { get; set; }

    /// <summary>Real requests so far that missed their latency SLO or accuracy requirement.</summary>
    public long Violations { get; set; }

    /// <summary>The learner's latest training loss; null when it reports none.</summary>
    public double? ModelLoss { get; set; }
}
