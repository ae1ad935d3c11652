using EdgeControl.Core.Simulation;

namespace EdgeControl.Web.DeviceHub;

/// <summary>One decision a device executed: what the policy saw, what it chose, what the device measured, and its reward.</summary>
public sealed record LiveExperience(Guid NodeId, Observation Request, int Action, Outcome Outcome, double Reward, DateTimeOffset At);
