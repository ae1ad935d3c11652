using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Training;

/// <summary>
/// What a training run acts on and is measured against: the twin it steps (its pending request is the next one
/// acted on) and the evaluation of the greedy policy, whose scenario also prices regret.
/// </summary>
public sealed record TrainingEnvironment(EdgeCloudTwin Twin, PolicyEvaluation Evaluation);
