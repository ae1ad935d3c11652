using EdgeControl.Agents.Model;

namespace EdgeControl.Agents.Dqn;

/// <summary>
/// A learner's policy frozen for serving (<see cref="IFreezablePolicy.Snapshot"/>): the Q-policy devices are answered
/// from and, for a learner with a fitted environment model, that model's frozen copy (null otherwise), which answers
/// what-if questions. Both are thread-safe and unchanged by later learning, so publishing one needs no copy of the learner.
/// </summary>
public sealed record ServingSnapshot(FrozenQPolicy Policy, FrozenEnvironmentModel? Model);
