using EdgeControl.Protocol;

namespace EdgeControl.DeviceAgent.Hub;

/// <summary>
/// Where a device keeps its measured outcomes from the moment they are numbered until the control plane settles them
/// (acknowledges or rejects), with the agent's counters: on disk for a device (<see cref="OutcomeOutbox"/>), in memory
/// for the thousands of devices of one hub benchmark process and for server tests (<see cref="MemoryOutcomeOutbox"/>).
/// </summary>
public interface IOutcomeOutbox : IDisposable
{
    /// <summary>Outcomes waiting for the server (measured and poison alike).</summary>
    int Count { get; }

    /// <summary>Outcomes acknowledged (stored by the server) over the outbox's life.</summary>
    long Acknowledged { get; }

    OutboxCounters Counters { get; }

    /// <summary>
    /// Numbers <paramref name="outcome"/> with the next sequence and keeps it; numbering and keeping are one step, so a
    /// sender never sees a higher sequence before a lower one. A <paramref name="poison"/> outcome (fault tests) counts as poison, not measured.
    /// </summary>
    MeasuredOutcome Add(MeasuredOutcome outcome, bool poison = false);

    /// <summary>Forgets every outcome up to <paramref name="sequence"/>: the server has settled them. Returns how many it forgot.</summary>
    int AcknowledgeUpTo(long sequence);

    /// <summary>Forgets the outcome numbered <paramref name="sequence"/>, which the server will never store; false when it was not here.</summary>
    bool Reject(long sequence);

    /// <summary>Counts one request for a decision: answered, or refused / failed / timed out.</summary>
    void CountDecision(bool answered);

    /// <summary>Up to <paramref name="max"/> outcomes with a sequence above <paramref name="sequence"/>, in order.</summary>
    List<MeasuredOutcome> After(long sequence, int max);
}
