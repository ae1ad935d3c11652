namespace EdgeControl.Cli.Bench;

/// <summary>Every run of an experiment: the sweep (empty without one) and the main runs per agent.</summary>
internal sealed record ExperimentOutcome(IReadOnlyList<AgentRuns> Agents, IReadOnlyList<SweepEntry> Sweep);
