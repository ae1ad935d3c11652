using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Learning;

/// <summary>One real interaction: the request, the action taken, what it measured, its reward, and the next request.</summary>
public sealed record Experience(Observation Request, int Action, Outcome Outcome, double Reward, Observation Next);
