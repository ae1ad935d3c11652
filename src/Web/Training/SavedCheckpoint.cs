using EdgeControl.Agents.Training;

namespace EdgeControl.Web.Training;

/// <summary>A learner's checkpoint bytes with the run counters it does not hold itself.</summary>
internal sealed record SavedCheckpoint(long RealInteractions, byte[] Weights, double CumulativeRegret, long Violations, double WallSeconds)
{
    public TrainingCounters Counters => new(RealInteractions, CumulativeRegret, Violations, WallSeconds);

    public static SavedCheckpoint Of(TrainingCounters counters, byte[] weights) =>
        new(counters.RealInteractions, weights, counters.CumulativeRegret, counters.Violations, counters.WallSeconds);
}
