namespace EdgeControl.Web.Telemetry;

/// <summary>One outcome of a telemetry batch that was refused, by the device's sequence number, and why ("outcomes[i].field: why").</summary>
internal sealed record RejectedSequence(long Sequence, string Reason);
