namespace EdgeControl.Cli.Bench;

/// <summary>A policy's normalised score on the evaluation set.</summary>
internal sealed record NamedScore(string Name, double Score);
