using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;

namespace EdgeControl.Agents.Training;

/// <summary>One learner with one set of hyperparameters, as a factory (every run builds a fresh learner).</summary>
/// <param name="Agent">qlearning, dqn or hl.</param>
/// <param name="Label">The hyperparameters in a few words, e.g. "lr=1e-3 gamma=0 eps=5000".</param>
public sealed record LearnerSetting(string Agent, string Label, Func<Scenario, long, ILearner> Create);
