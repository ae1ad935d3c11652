namespace EdgeControl.Cli.Tests;

/// <summary>What one run of the command line printed and returned.</summary>
internal sealed record CommandResult(int ExitCode, string Stdout, string Stderr);
