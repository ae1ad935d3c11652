namespace EdgeControl.DeviceAgent.Hub;

/// <summary>
/// What the agent has done over its data directory's life (they survive restarts): outcomes measured, acknowledged and
/// rejected, poison outcomes sent (fault tests), and requests for a decision answered or refused.
/// </summary>
public sealed record OutboxCounters(long Measured, long Acknowledged, long Rejected, long PoisonSent, long DecisionsAnswered, long DecisionsRefused)
{
    public const string MeasuredName = "measured";
    public const string AcknowledgedName = "acknowledged";
    public const string RejectedName = "rejected";
    public const string PoisonSentName = "poisonSent";
    public const string DecisionsAnsweredName = "decisionsAnswered";
    public const string DecisionsRefusedName = "decisionsRefused";

    public static OutboxCounters From(IReadOnlyDictionary<string, long> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new(
            stored.GetValueOrDefault(MeasuredName),
            stored.GetValueOrDefault(AcknowledgedName),
            stored.GetValueOrDefault(RejectedName),
            stored.GetValueOrDefault(PoisonSentName),
            stored.GetValueOrDefault(DecisionsAnsweredName),
            stored.GetValueOrDefault(DecisionsRefusedName));
    }
}
