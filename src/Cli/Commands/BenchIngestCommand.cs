using System.Globalization;
using EdgeControl.Cli.Bench;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>bench ingest</c>: decision-log rows stored per second by a running control plane, end to end over HTTP
/// (JSON parsing, validation, binary COPY and the idempotent insert), with the stored count checked from the answers.
/// </summary>
internal static class BenchIngestCommand
{
    public static int Run(CommandLine line)
    {
        var serverText = line.RequiredText("server");
        var token = line.RequiredText("token");
        var rows = line.Integer("rows", 200_000, 1, 1_000_000_000);
        // 1,000 is the server's largest batch (TelemetryApi.MaxOutcomes).
        var batch = (int)line.Integer("batch", 1000, 1, 1000);
        var concurrency = (int)line.Integer("concurrency", 4, 1, 256);
        var json = line.Flag("json");
        line.EnsureAllUsed(positionals: 0);
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"option --server must be an http or https URL such as http://127.0.0.1:5000 (got '{serverText}')");
        }

        // A trailing slash, so the API paths are resolved under a server URL with a path prefix too.
        server = new Uri(server.AbsoluteUri.TrimEnd('/') + "/");
        IngestResult result;
        try
        {
            result = new IngestBenchmark(server, token, rows, batch, concurrency).RunAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception error) when (error is HttpRequestException or IngestBenchmarkException or TaskCanceledException)
        {
            Console.Error.WriteLine($"edgecontrol: bench ingest against {server}: {error.Message}");
            return 1;
        }

        if (json)
        {
            JsonOutput.Write(new
            {
                server = server.ToString(),
                rows = result.Rows,
                batches = result.Batches,
                batchSize = batch,
                concurrency = result.Concurrency,
                stored = result.TimedStored,
                duplicates = result.Duplicates,
                allStored = result.AllStored,
                elapsedSeconds = result.Elapsed.TotalSeconds,
                rowsPerSecond = result.RowsPerSecond,
                batchesPerSecond = result.BatchesPerSecond,
                batchP50Ms = result.P50Ms,
                batchP99Ms = result.P99Ms,
            });
        }
        else
        {
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c,
                $"telemetry ingest into {server}: {result.Rows:N0} rows in {result.Batches:N0} batches of up to {batch:N0}, {result.Concurrency} concurrent senders (one device each), after {result.WarmUpRows:N0} warm-up rows:"));
            Console.WriteLine(string.Create(c, $"  stored         {result.TimedStored,12:N0} rows ({result.Duplicates:N0} duplicates), counted from the server's answers"));
            Console.WriteLine(string.Create(c, $"  elapsed        {result.Elapsed.TotalSeconds,12:0.00} s"));
            Console.WriteLine(string.Create(c, $"  rows/s         {result.RowsPerSecond,12:N0}"));
            Console.WriteLine(string.Create(c, $"  batches/s      {result.BatchesPerSecond,12:0.0}"));
            Console.WriteLine(string.Create(c, $"  batch latency  {result.P50Ms,12:0.0} ms p50, {result.P99Ms:0.0} ms p99"));
        }

        if (!result.AllStored)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"edgecontrol: the server stored {result.TotalStored:N0} rows with {result.Duplicates:N0} duplicates; expected {result.Rows + result.WarmUpRows:N0} and none"));
            return 1;
        }

        return 0;
    }
}
