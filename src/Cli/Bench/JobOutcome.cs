namespace EdgeControl.Cli.Bench;

/// <summary>A finished job: its run, or for a sweep setting stopped because it could no longer win, what it reported until then.</summary>
/// <param name="StoppedAt">Real interactions at which the parent stopped the job (null: it ran its course).</param>
internal sealed record JobOutcome(SeedRun Run, long? StoppedAt);
