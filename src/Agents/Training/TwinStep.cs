using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Training;

/// <summary>One real interaction with the twin as the loop made it: the <paramref name="RealInteractions"/>-th of the run.</summary>
public sealed record TwinStep(long RealInteractions, Observation Request, PlacementAction Action, Outcome Outcome);
