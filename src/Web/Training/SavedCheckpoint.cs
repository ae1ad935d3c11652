using EdgeControl.Agents.Training;

namespace EdgeControl.Web.Training;

/// <summary>
/// A learner's checkpoint bytes with the run counters it does not hold itself, and the decision-log horizon its learner
/// had taken experiences up to (null: not known, e.g. a checkpoint from before the log was followed).
/// </summary>
internal sealed record SavedCheckpoint(long RealInteractions, byte[] Weights, double CumulativeRegret, long Violations, double WallSeconds, ulong? LogHorizon = null)
{
    /// <summary>The policy the trainer serves from now on: once stored, its id is published to the other instances.</summary>
    public bool Serving { get; init; }

    public TrainingCounters Counters => new(RealInteractions, CumulativeRegret, Violations, WallSeconds);

    public static SavedCheckpoint Of(TrainingCounters counters, byte[] weights, ulong? logHorizon) =>
        new(counters.RealInteractions, weights, counters.CumulativeRegret, counters.Violations, counters.WallSeconds, logHorizon);
}
