using EdgeControl.Web.Telemetry;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// One outcome a device reported over the hub, in the order it came: either a <paramref name="Row"/> to store, or
/// refused before it reached the database, for <paramref name="Refusal"/>. Both go through the same queue, so a
/// device's acknowledgement never overtakes a lower sequence still waiting.
/// </summary>
internal sealed record HubOutcome(Guid NodeId, long Sequence, StagedOutcome? Row, string? Refusal);
