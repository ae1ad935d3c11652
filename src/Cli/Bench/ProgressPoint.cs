namespace EdgeControl.Cli.Bench;

/// <summary>An evaluation a running child reported: real interactions so far, the greedy policy's score, training seconds so far.</summary>
internal readonly record struct ProgressPoint(long Interactions, double Score, double WallSeconds);
