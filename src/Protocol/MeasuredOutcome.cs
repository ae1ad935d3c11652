namespace EdgeControl.Protocol;

/// <summary>
/// What a device measured when it ran one <see cref="ExecuteCommand"/>. <paramref name="Sequence"/> is the device's
/// own increasing counter: (device, sequence) is stored once, so re-sending after a reconnect is harmless.
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
    DateTimeOffset ObservedAt);
