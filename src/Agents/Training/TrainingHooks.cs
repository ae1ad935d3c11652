namespace EdgeControl.Agents.Training;

/// <summary>
/// What the caller of the training loop adds to it; every hook is optional and runs on the loop's thread. The bench
/// uses none but <see cref="Evaluated"/>; the control plane paces the twin, feeds its fleet's outcomes and rests after
/// them while the machine is short of CPU, shows placements, persists and publishes.
/// </summary>
public sealed class TrainingHooks
{
    public static TrainingHooks None { get; } = new();

    /// <summary>Waits before each twin step (so a person can watch it learn); returns early when the token is cancelled.</summary>
    public Action<CancellationToken>? PaceTwinStep { get; init; }

    /// <summary>
    /// Real interactions from outside the twin: every turn the loop drains all that wait and hands them to the learner
    /// as one batch. An evaluation or checkpoint due inside the batch is taken once, after it.
    /// </summary>
    public IExperienceSource? Experiences { get; init; }

    /// <summary>
    /// After each batch from <see cref="Experiences"/> was learned (with the evaluation or checkpoint it set off), with
    /// the time that took: the caller may rest here to leave the machine to other work; returns early when the token is cancelled.
    /// </summary>
    public Action<TimeSpan, CancellationToken>? PaceBatch { get; init; }

    /// <summary>Each real interaction with the twin, before it is learned from.</summary>
    public Action<TwinStep>? TwinStepped { get; init; }

    /// <summary>Each learning turn (one twin step or one batch), with the real interactions learned from so far.</summary>
    public Action<long>? Learned { get; init; }

    /// <summary>Each evaluation of the greedy policy, as its curve point (persist it, publish the policy).</summary>
    public Action<CurvePoint>? Evaluated { get; init; }

    /// <summary>
    /// Every <see cref="TrainingOptions.CheckpointEvery"/> real interactions, and when the run ends having learned
    /// since the last one: the counters to store beside the learner's state.
    /// </summary>
    public Action<TrainingCounters>? Checkpoint { get; init; }
}
