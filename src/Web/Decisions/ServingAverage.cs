using EdgeControl.Agents.Dqn;

namespace EdgeControl.Web.Decisions;

/// <summary>
/// Which learned policy devices are served: the weight average of the policies one run published within the last
/// <see cref="ServingLineage.AverageOver"/> (<see cref="FrozenQPolicy.Averaged"/>). A learner that keeps learning at a
/// steady rate moves its greedy choice back and forth between placements of nearly equal value from one publication to
/// the next (measured on the live testbed: a phone's requests went from its own board to the cloud and back within a
/// minute); the average follows the run's trend and not each swing. Publications further apart than the window (a
/// twin run late in its schedule) are served one by one, as before. Not thread-safe: the caller holds its lock.
/// </summary>
internal sealed class ServingAverage
{
    private readonly Queue<(DateTimeOffset At, FrozenQPolicy Policy)> _recent = new();
    private Guid? _run;

    /// <summary>Policies in the average now.</summary>
    public int Count => _recent.Count;

    /// <summary>Adds <paramref name="policy"/>, published at <paramref name="at"/>; returns the policy to serve.</summary>
    public FrozenQPolicy Add(ServingLineage lineage, FrozenQPolicy policy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(lineage);
        ArgumentNullException.ThrowIfNull(policy);
        if (_run != lineage.RunId)
        {
            // Another run's networks are not snapshots of this one's trajectory: averaging them would mean nothing.
            _recent.Clear();
            _run = lineage.RunId;
        }

        _recent.Enqueue((at, policy));
        while (_recent.Peek().At < at - lineage.AverageOver)
        {
            _recent.Dequeue();
        }

        return FrozenQPolicy.Averaged([.. _recent.Select(r => r.Policy)]);
    }

    public void Clear()
    {
        _recent.Clear();
        _run = null;
    }
}
