namespace EdgeControl.Core.Evaluation;

/// <summary>A policy's normalised scores (random 0, oracle 1).</summary>
/// <param name="ClosedLoop">On its own trajectories of the twin (<see cref="ClosedLoopEvaluation"/>): sees the contention it causes.</param>
/// <param name="OpenLoop">On the fixed evaluation set (<see cref="EvaluationSet"/>): each action scored alone.</param>
public readonly record struct PolicyScores(double ClosedLoop, double OpenLoop);
