using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Model;

/// <summary>
/// A learner that holds a learned model of the environment and can say what an action would measure: latency and
/// device energy (the accuracy is the variant's, so the reward follows from Core's reward function). For showing
/// operators what the policy weighed; not thread-safe, like the learner itself, unless it is a frozen copy
/// (<see cref="FrozenEnvironmentModel"/>).
/// </summary>
public interface IOutcomePredictor
{
    /// <summary>False until the model has been fitted on real outcomes at least once: before that it predicts noise.</summary>
    bool CanPredict { get; }

    /// <summary>The model's prediction (its ensemble's mean, and the members' spread) for <paramref name="action"/> on <paramref name="request"/>.</summary>
    OutcomePrediction Predict(Observation request, int action);
}
