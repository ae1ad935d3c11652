namespace EdgeControl.Agents.Training;

/// <summary>
/// A change of the environment after exactly <paramref name="AtStep"/> real interactions (an experiment's shift of the
/// network, a server taken away): <paramref name="Apply"/> returns the twin and evaluation the run goes on with, and
/// the loop evaluates the greedy policy on the new evaluation at once, so the curve shows the step at which it changed.
/// </summary>
public sealed record EnvironmentChange(long AtStep, Func<TrainingEnvironment, TrainingEnvironment> Apply);
