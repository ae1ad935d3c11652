namespace EdgeControl.Web.Training;

/// <summary>A learner's checkpoint bytes with the run counters it does not hold itself.</summary>
internal sealed record SavedCheckpoint(long RealInteractions, byte[] Weights, double CumulativeRegret, long Violations, double WallSeconds);
