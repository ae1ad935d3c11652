namespace EdgeControl.Web.Telemetry;

/// <summary>
/// How many outcomes of a batch were stored now, how many had been stored before (resent sequences), and which were
/// refused, never stored (sending them again cannot help): an outcome that does not answer a decision issued to this
/// device, or answers one reported already, or a row the database refused for its content.
/// </summary>
internal sealed record TelemetryBatchResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedSequence> Rejected);
