using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Training;

/// <summary>What offline training produced: the learning curve (one point before training and one after each pass), the counters and the learner's state at the end.</summary>
internal sealed record OfflineTrainingResult(IReadOnlyList<CurvePoint> Curve, TrainingCounters Counters, byte[] Checkpoint, double WallSeconds);

/// <summary>
/// Trains a learner on logged experiences with the one training loop (<see cref="Trainer"/>) as the control plane does
/// in live mode: it never steps the twin, and takes the experiences one at a time or in batches through <see cref="ILearner.Learn(ReadOnlySpan{Experience})"/>,
/// pass after pass; the greedy policy is scored (closed and open loop, as the bench and the web do) before training
/// and after every pass.
/// </summary>
internal static class OfflineTraining
{
    /// <summary>
    /// Learning turns per pass at most. The hybrid agent makes a fixed number of minibatch updates (and at most one
    /// refit of its model) per batch, whatever its size: a log of up to this many rows is learned one experience per
    /// turn, as the learner met them online, and a longer one in batches that keep a pass to this many turns (a pass
    /// over 100,000 rows: batches of 50), so its cost follows the number of turns, not the rows.
    /// </summary>
    public const int MaxTurnsPerPass = 2_000;

    /// <summary>Experiences per learning turn for a log of <paramref name="rows"/> usable rows.</summary>
    public static int BatchSize(int rows) => Math.Max(1, (rows + MaxTurnsPerPass - 1) / MaxTurnsPerPass);

    public static OfflineTrainingResult Run(ILearner learner, PolicyEvaluation evaluation, IReadOnlyList<Experience> experiences, int passes, long seed,
        Action<CurvePoint>? evaluated = null, Action<long>? learned = null)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(experiences);
        var checkpointable = learner as ICheckpointable
            ?? throw new ArgumentException($"learner '{learner.Name}' cannot be saved as a checkpoint", nameof(learner));
        var source = new LoggedExperienceSource(experiences, passes, BatchSize(experiences.Count));
        var options = new TrainingOptions(source.Total, experiences.Count, seed)
        {
            LongestEvaluationInterval = experiences.Count,
            ActsOnTwin = false,
        };
        TrainingCounters? end = null;
        byte[] state = [];
        var hooks = new TrainingHooks
        {
            Experiences = source,
            Evaluated = evaluated,
            Learned = learned,
            Checkpoint = counters => (end, state) = (counters, Checkpoint.ToBytes(checkpointable)),
        };
        var result = Trainer.Run(learner, evaluation, options, hooks);
        return new OfflineTrainingResult(result.Curve, end ?? throw new InvalidOperationException("the training loop ended without its final checkpoint"), state, result.WallSeconds);
    }
}
