using EdgeControl.Core.Simulation;
using EdgeControl.Protocol;

namespace EdgeControl.DeviceAgent.Offload;

/// <summary>
/// One offloaded request as the device measured it: the <paramref name="Outcome"/> it reports; for an answer, how long
/// the device's radio was sending (<paramref name="SendingMs"/>, see <see cref="UplinkTime"/>), how long writing the
/// body to the kernel took (<paramref name="WrittenMs"/>, its lower bound, see <see cref="TimedContent"/>) and the
/// worker's <paramref name="Answer"/> (its own queue and compute times); for a lost request, why (<paramref name="Failure"/>).
/// </summary>
internal sealed record OffloadResult(Outcome Outcome, double SendingMs, double WrittenMs, InferenceAnswer? Answer, OffloadFailure? Failure);
