namespace EdgeControl.Core.Simulation;

/// <summary>The result of one simulated request and the next pending request's observation.</summary>
public sealed record StepResult(Outcome Outcome, double Reward, Observation Next);
