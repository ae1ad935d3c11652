using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;

namespace EdgeControl.Agents.Training;

/// <summary>One learner with one set of hyperparameters, as a factory (every run builds a fresh learner).</summary>
/// <param name="Agent">qlearning, dqn or hl.</param>
/// <param name="Label">The hyperparameters in a few words, e.g. "lr=1e-3 gamma=0 eps=5000".</param>
/// <param name="RefusalOn">Why this setting cannot run on a scenario (null when it can), checked before any run starts.</param>
public sealed record LearnerSetting(string Agent, string Label, Func<Scenario, long, ILearner> Create, Func<Scenario, string?> RefusalOn)
{
    public LearnerSetting(string agent, string label, Func<Scenario, long, ILearner> create)
        : this(agent, label, create, _ => null)
    {
    }
}
