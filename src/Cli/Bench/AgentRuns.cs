namespace EdgeControl.Cli.Bench;

/// <summary>An agent's main runs: one per reported seed, all at the same setting.</summary>
internal sealed record AgentRuns(string Agent, string Setting, IReadOnlyList<SeedRun> Runs);
