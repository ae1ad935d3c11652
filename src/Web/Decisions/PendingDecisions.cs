using System.Collections.Concurrent;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Web.Decisions;

/// <summary>
/// Decisions issued to devices (over the hub or REST) whose outcomes have not been stored yet: their context is written
/// into the decision log beside the outcome. Keyed by device and request id, not by connection, so an outcome re-sent
/// after a reconnect still finds its decision. Kept in this instance's memory: an outcome reported to another instance
/// than the one that decided (after a fail-over) is stored without its context.
/// </summary>
internal sealed class PendingDecisions(TimeProvider clock)
{
    private readonly ConcurrentDictionary<(Guid NodeId, string RequestId), PendingDecision> _pending = new();

    public void Add(Guid nodeId, Scenario scenario, Observation request, PlacementDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        _pending[(nodeId, decision.RequestId)] = new PendingDecision(scenario, request, decision.Action, decision.Probability, decision.ServedBy, clock.GetUtcNow());
    }

    /// <summary>The decision, left in place: a report whose storing fails is sent again and must find it again.</summary>
    public bool TryGet(Guid nodeId, string requestId, out PendingDecision decision) =>
        _pending.TryGetValue((nodeId, requestId), out decision!);

    /// <summary>Forgets the decision once its outcome is stored (or is sure to be).</summary>
    public void Forget(Guid nodeId, string requestId) => _pending.TryRemove((nodeId, requestId), out _);

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
