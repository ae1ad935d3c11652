namespace EdgeControl.Cli.Bench;

/// <summary>The server refused or answered something the ingest benchmark cannot use; the message says what.</summary>
internal sealed class IngestBenchmarkException(string message) : Exception(message);
