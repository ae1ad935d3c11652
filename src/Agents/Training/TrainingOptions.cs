namespace EdgeControl.Agents.Training;

/// <param name="MaxInteractions">Real interactions after which training stops.</param>
/// <param name="EvaluateEvery">
/// Real interactions between evaluations of the greedy policy at the start. Later the interval
/// grows with the step count (one tenth of its order of magnitude, never below this), so a run of
/// millions of steps and one of hundreds are both measured to within 10% without spending the
/// run evaluating: see <see cref="IsEvaluationStep"/>.
/// </param>
/// <param name="StopAfterConvergedAt">Stop early once this score has been held (null: run to the end).</param>
public sealed record TrainingOptions(long MaxInteractions, long EvaluateEvery, long Seed, double? StopAfterConvergedAt = null)
{
    public bool IsEvaluationStep(long step)
    {
        var interval = EvaluateEvery;
        for (var magnitude = 100L; magnitude * 10 <= step; magnitude *= 10)
        {
            interval = Math.Max(interval, magnitude);
        }

        return step % interval == 0;
    }
}
