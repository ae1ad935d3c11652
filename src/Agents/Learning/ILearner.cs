using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Learning;

/// <summary>
/// An orchestration learner: picks actions for pending requests and learns from what happened.
/// Tabular Q-learning, DQN and the hybrid agent all sit behind this interface.
/// </summary>
public interface ILearner
{
    string Name { get; }

    /// <summary>Real interactions learned from so far (imagined ones never count).</summary>
    long RealSteps { get; }

    /// <summary>An action for <paramref name="request"/>; exploring when <paramref name="explore"/> is set.</summary>
    int Act(Observation request, bool explore);

    /// <summary>Greedy actions for many requests at once; learners with networks batch this.</summary>
    int[] ActGreedy(IReadOnlyList<Observation> requests) => requests.Select(r => Act(r, explore: false)).ToArray();

    /// <summary>Learns from one real interaction.</summary>
    void Learn(Experience experience);
}
