using System.Collections.Concurrent;
using EdgeControl.Core.Simulation;
using EdgeControl.Web.Decisions;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// Decisions sent to devices whose outcomes have not come back yet: the observation and action are needed to learn
/// from the outcome. Keyed by device and request id, not by connection, so an outcome re-sent after a reconnect
/// still finds its decision; taken exactly once, so a duplicate outcome is never learned from twice.
/// </summary>
internal sealed class PendingDecisions(TimeProvider clock)
{
    private readonly ConcurrentDictionary<(Guid NodeId, string RequestId), PendingDecision> _pending = new();

    public void Add(Guid nodeId, Observation request, PlacementDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        _pending[(nodeId, decision.RequestId)] = new PendingDecision(request, decision.Action, decision.Probability, decision.ServedBy, clock.GetUtcNow());
    }

    public bool TryTake(Guid nodeId, string requestId, out PendingDecision decision) =>
        _pending.TryRemove((nodeId, requestId), out decision!);

    /// <summary>Forgets decisions older than <paramref name="cutoff"/> (their device never answered); returns how many.</summary>
    public int ForgetOlderThan(DateTimeOffset cutoff)
    {
        var forgotten = 0;
        foreach (var entry in _pending)
        {
            if (entry.Value.DecidedAt < cutoff && _pending.TryRemove(entry))
            {
                forgotten++;
            }
        }

        return forgotten;
    }
}
