namespace EdgeControl.Web.Telemetry;

/// <summary>Body of <c>POST /api/v1/telemetry</c>.</summary>
internal sealed record TelemetryBatchRequest(List<OutcomeReport?>? Outcomes);
