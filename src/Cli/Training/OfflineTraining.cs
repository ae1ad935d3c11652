using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Cli.Training;

/// <summary>What offline training produced: the learning curve (one point before training and one after each pass), the counters and the learner's state at the end.</summary>
internal sealed record OfflineTrainingResult(IReadOnlyList<CurvePoint> Curve, TrainingCounters Counters, byte[] Checkpoint, double WallSeconds);

/// <summary>
/// Trains a learner on logged experiences with the one training loop (<see cref="Trainer"/>) as the control plane does
/// in live mode: it never steps the twin, and takes the experiences in batches through <see cref="ILearner.Learn(ReadOnlySpan{Experience})"/>,
/// pass after pass; the greedy policy is scored (closed and open loop, as the bench and the web do) before training
/// and after every pass.
/// </summary>
internal static class OfflineTraining
{
    /// <summary>
    /// Experiences per learning turn. The hybrid agent makes a fixed number of minibatch updates per batch whatever its
    /// size, so small batches mean more updates per pass; 16 keeps a pass over 10,000 rows to seconds.
    /// </summary>
    public const int BatchSize = 16;

    public static OfflineTrainingResult Run(ILearner learner, PolicyEvaluation evaluation, IReadOnlyList<Experience> experiences, int passes, long seed,
        Action<CurvePoint>? evaluated = null, Action<long>? learned = null)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(experiences);
        var checkpointable = learner as ICheckpointable
            ?? throw new ArgumentException($"learner '{learner.Name}' cannot be saved as a checkpoint", nameof(learner));
        var source = new LoggedExperienceSource(experiences, passes, BatchSize);
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
