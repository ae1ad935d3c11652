namespace EdgeControl.Web.Telemetry;

/// <summary>One outcome on its way into <c>decision_log</c>: the device that reported it and, when known, its reward.</summary>
internal sealed record StagedOutcome(Guid NodeId, ValidOutcome Outcome, double? Reward);
