namespace EdgeControl.Web.Telemetry;

/// <summary>
/// How many outcomes of a batch were stored now, how many had been stored before (resent sequences), and which the
/// database refused for their content (never stored; sending them again cannot help).
/// </summary>
internal sealed record TelemetryBatchResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedSequence> Rejected);
