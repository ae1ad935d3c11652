namespace EdgeControl.Agents.Training;

/// <param name="MaxInteractions">Real interactions after which training stops.</param>
/// <param name="EvaluateEvery">
/// Real interactions between evaluations of the greedy policy at the start. Later the interval
/// grows with the step count (one tenth of its order of magnitude, never below this), so a run of
/// millions of steps and one of hundreds are both measured to within 10% without spending the
/// run evaluating: see <see cref="IsEvaluationStep"/>.
/// </param>
/// <param name="StopAfterConvergedAt">Stop early once this score has been held (after <paramref name="Change"/>, if any; null: run to the end).</param>
/// <param name="Change">
/// The environment changes at that step (null: never). The greedy policy is then scored in the changed environment,
/// once at that step and from there on the schedule above counted from the change, so recovery is measured as finely as learning from scratch.
/// </param>
public sealed record TrainingOptions(long MaxInteractions, long EvaluateEvery, long Seed, double? StopAfterConvergedAt = null, EnvironmentChange? Change = null)
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
