namespace EdgeControl.Agents.Training;

/// <summary>
/// Where a training run stands, beside the learner's own state: what a checkpoint carries so a resumed run continues
/// its step count, its cost (regret against the oracle, missed requirements) and its wall time.
/// </summary>
public sealed record TrainingCounters(long RealInteractions, double CumulativeRegret, long Violations, double WallSeconds)
{
    public static TrainingCounters Start { get; } = new(0, 0, 0, 0);
}
