namespace EdgeControl.Web.Telemetry;

/// <summary>
/// One outcome on its way into <c>decision_log</c>: the device that reported it, its reward when known, and the
/// context of the decision it answers when the control plane still held it (null: the context columns stay null).
/// </summary>
internal sealed record StagedOutcome(Guid NodeId, ValidOutcome Outcome, double? Reward, DecisionContext? Context = null);
