using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Learning;

/// <summary>
/// A learner's greedy policy (no exploration) as an <see cref="IPolicy"/>, so a trained learner runs wherever the
/// heuristics do: on the twin, and in both scores. It does not learn while it decides.
/// </summary>
public sealed class GreedyPolicy(ILearner learner) : IPolicy
{
    private readonly ILearner _learner = learner ?? throw new ArgumentNullException(nameof(learner));

    public string Name => _learner.Name;

    public int Decide(Observation request) => _learner.Act(request, explore: false);
}
