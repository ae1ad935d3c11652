using EdgeControl.Core.Simulation;

namespace EdgeControl.Web.DeviceHub;

/// <summary>What was decided for one request: the observation the policy saw and the action it chose.</summary>
internal sealed record PendingDecision(Observation Request, int Action, DateTimeOffset DecidedAt);
