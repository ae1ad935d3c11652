using EdgeControl.Core.Simulation;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// What was decided for one request: the observation the policy saw, the action it chose, the probability it chose it
/// with and which policy served (<c>learned</c> or a fixed policy's name); learned from and logged with the outcome.
/// </summary>
internal sealed record PendingDecision(Observation Request, int Action, double Probability, string ServedBy, DateTimeOffset DecidedAt);
