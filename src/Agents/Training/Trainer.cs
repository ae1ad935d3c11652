using EdgeControl.Agents.Learning;
using EdgeControl.Core.Evaluation;

namespace EdgeControl.Agents.Training;

/// <summary>
/// The one training loop, shared by the bench and the control plane: act on the twin, learn from the real outcome
/// (and from batches of outside experiences), score the greedy policy closed loop and open loop
/// (<see cref="PolicyEvaluation"/>) on one <see cref="EvaluationSchedule"/>, and keep the cost of learning: regret
/// against the oracle and missed requirements. What differs between callers comes in as <see cref="TrainingHooks"/>.
/// </summary>
public static class Trainer
{
    /// <summary>Trains until <see cref="TrainingOptions.MaxInteractions"/>, convergence if asked for, or <paramref name="stop"/>.</summary>
    public static TrainingResult Run(ILearner learner, PolicyEvaluation evaluation, TrainingOptions options, TrainingHooks? hooks = null, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(options);
        hooks ??= TrainingHooks.None;
        if (!options.ActsOnTwin && hooks.Experiences is null)
        {
            throw new ArgumentException("a run that does not act on the twin needs an experience source (TrainingHooks.Experiences)", nameof(hooks));
        }

        return new TrainingRun(learner, evaluation, options, hooks).Run(stop);
    }
}
