namespace EdgeControl.Web.Telemetry;

/// <summary>One outcome of a telemetry batch the database refused, by the device's sequence number, and why.</summary>
internal sealed record RejectedSequence(long Sequence, string Reason);
