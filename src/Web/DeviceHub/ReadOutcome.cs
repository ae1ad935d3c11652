using EdgeControl.Protocol;

namespace EdgeControl.Web.DeviceHub;

/// <summary>One reported outcome after checking: <paramref name="Valid"/> to store, or refused for <paramref name="Problem"/> ("outcomes[i].field: why").</summary>
internal sealed record ReadOutcome(long Sequence, MeasuredOutcome? Valid, string? Problem);
