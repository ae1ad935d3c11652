namespace EdgeControl.Web.Telemetry;

/// <summary>An outcome that will never be stored: the database refused its row, for <paramref name="Reason"/>.</summary>
internal sealed record RejectedOutcome(Guid NodeId, long Sequence, string Reason);
