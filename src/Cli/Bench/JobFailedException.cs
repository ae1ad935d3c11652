namespace EdgeControl.Cli.Bench;

/// <summary>A training run's child process failed; the message carries the end of its stderr.</summary>
internal sealed class JobFailedException(string message) : Exception(message);
