namespace EdgeControl.Protocol;

/// <summary>
/// What a device measured when it ran one <see cref="ExecuteCommand"/>. <paramref name="Sequence"/> is the device's
/// own increasing counter: (device, sequence) is stored once, so re-sending after a reconnect is harmless.
/// <paramref name="Ticket"/> is the command's ticket, unchanged, as are its request id, user, action, target and
/// variant: the control plane accepts an outcome only for a decision it issued to this device, once.
/// </summary>
public sealed record MeasuredOutcome(
    long Sequence,
    string RequestId,
    string User,
    int Action,
    string Target,
    string Variant,
    double LatencyMs,
    double EnergyJ,
    double Accuracy,
    DateTimeOffset ObservedAt,
    string? Ticket);
