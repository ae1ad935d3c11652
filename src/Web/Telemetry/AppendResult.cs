namespace EdgeControl.Web.Telemetry;

/// <summary>What one append did: how many outcomes are new in the log, and which the database refused (none, usually).</summary>
internal sealed record AppendResult(int Stored, IReadOnlyList<RejectedOutcome> Rejected);
