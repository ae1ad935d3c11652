namespace EdgeControl.Data;

/// <summary>A learner's whole learned state at one point of a run, from which the run resumes.</summary>
public sealed class CheckpointEntity
{
    public long Id { get; set; }

    public Guid RunId { get; set; }

    public long RealInteractions { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The learner's checkpoint bytes (weights, optimizer state, counters).</summary>
    public required byte[] Weights { get; set; }

    /// <summary>
    /// The run's counters at this point, which the learner does not hold, so a resumed curve continues
    /// (regret, violations, learning time) instead of restarting from zero.
    /// </summary>
    public double CumulativeRegret { get; set; }

    public long Violations { get; set; }

    public double WallSeconds { get; set; }

    /// <summary>
    /// The decision-log horizon (a transaction id) up to which the run's learner had taken experiences when this
    /// checkpoint was made: every row of a transaction below it was learned from (or skipped), none at or above it.
    /// A resumed run follows the log from here, so no outcome stored since is missed and none is learned twice.
    /// Null on checkpoints made before the log was followed.
    /// </summary>
    public ulong? LogHorizon { get; set; }
}
