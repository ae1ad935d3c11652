namespace EdgeControl.Agents.Training;

/// <param name="MaxInteractions">Real interactions (counted from the start of the run, resumed ones included) after which training stops.</param>
/// <param name="EvaluateEvery">Real interactions between evaluations of the greedy policy at the start: the base of <see cref="Schedule"/>.</param>
/// <param name="Seed">Seed of the twin's stream of requests (a resumed run continues on the stream of seed + its step count).</param>
/// <param name="StopAfterConvergedAt">Stop early once this score has been held in both loops (after <paramref name="Change"/>, if any; null: run to the end).</param>
/// <param name="Change">
/// The environment changes at that step (null: never). The greedy policy is then scored in the changed environment,
/// once at that step and from there on on the schedule counted from the change, so recovery is measured as finely as
/// learning from scratch.
/// </param>
public sealed record TrainingOptions(long MaxInteractions, long EvaluateEvery, long Seed, double? StopAfterConvergedAt = null, EnvironmentChange? Change = null)
{
    /// <summary>The longest interval the evaluation schedule grows to (null: it keeps growing with the step count).</summary>
    public long? LongestEvaluationInterval { get; init; }

    /// <summary>Real interactions between checkpoints (null: none); one is also taken when the run ends, see <see cref="TrainingHooks.Checkpoint"/>.</summary>
    public long? CheckpointEvery { get; init; }

    /// <summary>False: the run never steps the twin and learns only from <see cref="TrainingHooks.Experiences"/> (a connected fleet).</summary>
    public bool ActsOnTwin { get; init; } = true;

    /// <summary>The counters of the checkpoint the learner was restored from (null: a run from its start).</summary>
    public TrainingCounters? ResumeFrom { get; init; }

    /// <summary>False: the curve's first point is already known (a resumed run has it), so the run does not evaluate before it learns.</summary>
    public bool EvaluatesAtStart { get; init; } = true;

    /// <summary>False: curve points go only to <see cref="TrainingHooks.Evaluated"/>, so a run that never ends does not hold them all.</summary>
    public bool KeepsCurve { get; init; } = true;

    public EvaluationSchedule Schedule => new(EvaluateEvery, LongestEvaluationInterval);
}
