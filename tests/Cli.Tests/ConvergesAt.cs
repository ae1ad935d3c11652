namespace EdgeControl.Cli.Tests;

/// <summary>Where a hand-made run starts to hold 0.99 in each loop (null: never).</summary>
internal readonly record struct ConvergesAt(long? Closed, long? Open);
