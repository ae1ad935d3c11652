namespace EdgeControl.Agents.Training;

/// <param name="MaxInteractions">Real interactions after which training stops.</param>
/// <param name="EvaluateEvery">Real interactions between evaluations of the greedy policy.</param>
/// <param name="StopAfterConvergedAt">Stop early once this score has been held (null: run to the end).</param>
public sealed record TrainingOptions(long MaxInteractions, long EvaluateEvery, long Seed, double? StopAfterConvergedAt = null);
