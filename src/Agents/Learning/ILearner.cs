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

    /// <summary>
    /// The action to serve for <paramref name="request"/> when only the actions set in <paramref name="allowed"/> can be
    /// taken now (empty: all; the control plane masks servers whose worker is offline): the best allowed action, or,
    /// when <paramref name="explore"/> is set, exploring among the allowed ones as the learner's schedule says; with the
    /// probability of that choice. A learner that cannot restrict its choice throws <see cref="NotSupportedException"/>.
    /// </summary>
    ServedAction Serve(Observation request, bool explore, ReadOnlySpan<bool> allowed) =>
        throw new NotSupportedException($"Learner '{Name}' cannot serve decisions restricted to allowed actions.");

    /// <summary>Greedy actions for many requests at once; learners with networks batch this.</summary>
    int[] ActGreedy(IReadOnlyList<Observation> requests) => requests.Select(r => Act(r, explore: false)).ToArray();

    /// <summary>Learns from one real interaction.</summary>
    void Learn(Experience experience);

    /// <summary>
    /// Learns from real interactions that arrived together (a fleet's outcomes drained at once). A learner
    /// whose work per step is costly does a bounded amount of it per batch; the default learns from each.
    /// </summary>
    void Learn(ReadOnlySpan<Experience> batch)
    {
        foreach (var experience in batch)
        {
            Learn(experience);
        }
    }
}
