using EdgeControl.Core.Simulation;

namespace EdgeControl.DeviceAgent.Offload;

/// <summary>
/// One offloaded request as the device measured it: the <paramref name="Outcome"/> it reports; for an answer, how long
/// the device spent sending the input (<paramref name="SendingMs"/>, see <see cref="TimedContent"/>); for a lost
/// request, why (<paramref name="Failure"/>).
/// </summary>
internal sealed record OffloadResult(Outcome Outcome, double SendingMs, OffloadFailure? Failure);
