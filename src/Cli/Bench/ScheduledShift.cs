namespace EdgeControl.Cli.Bench;

/// <summary>An environment shift as written on the command line (<paramref name="Text"/>, e.g. <c>uplink/10</c>), applied after real step <paramref name="At"/>.</summary>
internal sealed record ScheduledShift(string Text, long At);
