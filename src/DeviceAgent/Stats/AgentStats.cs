namespace EdgeControl.DeviceAgent.Stats;

/// <summary>
/// What <c>--stats FILE</c> holds (camelCase JSON), read by the fault-injection suite. Counts are cumulative over the
/// data directory's life; <see cref="Pending"/> is what the outbox holds now; <see cref="NodeId"/> is null when the
/// agent runs with a bare <c>--api-key</c> and so does not know its id. <see cref="OffloadsAnswered"/> and
/// <see cref="OffloadsLost"/> (by cause, every cause present) count this run's requests sent to workers (<c>--real</c>).
/// <see cref="Server"/> is the control-plane instance the agent speaks to now (one of <c>--server</c>'s).
/// </summary>
internal sealed record AgentStats(
    string? NodeId,
    long Measured,
    long Acknowledged,
    long Rejected,
    long Pending,
    long DecisionsAnswered,
    long DecisionsRefused,
    long PoisonSent,
    bool Connected,
    long OffloadsAnswered,
    IReadOnlyDictionary<string, long> OffloadsLost,
    Uri Server);
