using System.CommandLine;
using System.Globalization;
using EdgeControl.Cli.Bench;
using EdgeControl.Cli.Options;
using EdgeControl.CommandLine;

namespace EdgeControl.Cli.Commands;

/// <summary>
/// <c>bench ingest</c>: decision-log rows stored per second by a running control plane, end to end over HTTP
/// (JSON parsing, validation, binary COPY and the idempotent insert), with the stored count checked from the answers.
/// </summary>
internal sealed class BenchIngestCommand : ActionCommand
{
    public BenchIngestCommand()
        : base("ingest", "Decision-log ingest of a running control plane over HTTP: rows stored per second and batch latency; exit 1 if the server stored another count.")
    {
        Add(Server, Token, Rows, Batch, Concurrency, Json);
    }

    public Option<Uri> Server { get; } = new("--server")
    {
        HelpName = "URL", Description = "the control plane, e.g. http://127.0.0.1:5000", Required = true, CustomParser = OptionValues.Server,
    };

    public Option<string> Token { get; } = new("--token") { HelpName = "T", Description = "the registration token (Devices:RegistrationToken on the server)", Required = true };

    public Option<long> Rows { get; } = new("--rows")
    {
        HelpName = "N", Description = "telemetry rows to post (timed)", CustomParser = r => OptionValueParser.WholeNumber(r, 1, 1_000_000_000), DefaultValueFactory = _ => 200_000,
    };

    // 1,000 is the server's largest batch (TelemetryApi.MaxOutcomes).
    public Option<int> Batch { get; } = new("--batch")
    {
        HelpName = "B", Description = "rows per batch (the server takes at most 1000)", CustomParser = r => OptionValueParser.WholeNumber(r, 1, 1000), DefaultValueFactory = _ => 1000,
    };

    public Option<int> Concurrency { get; } = new("--concurrency")
    {
        HelpName = "C", Description = "concurrent senders, one registered device each", CustomParser = r => OptionValueParser.WholeNumber(r, 1, 256), DefaultValueFactory = _ => 4,
    };

    public Option<bool> Json { get; } = CommonOptions.Json();

    protected override int Run(ParseResult parsed)
    {
        var server = parsed.GetRequiredValue(Server);
        var token = parsed.GetRequiredValue(Token);
        var rows = parsed.GetValue(Rows);
        var batch = parsed.GetValue(Batch);
        var concurrency = parsed.GetValue(Concurrency);
        var json = parsed.GetValue(Json);
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
