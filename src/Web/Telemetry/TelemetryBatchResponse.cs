namespace EdgeControl.Web.Telemetry;

/// <summary>How many outcomes of a batch were stored now and how many had been stored before (resent sequences).</summary>
internal sealed record TelemetryBatchResponse(int Accepted, int Duplicates);
