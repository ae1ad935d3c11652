using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdgeControl.Protocol;

namespace EdgeControl.Cli.Bench;

/// <summary>
/// Decision-log ingest end to end over HTTP: <paramref name="Concurrency"/> senders, each a freshly registered device,
/// post telemetry batches back to back (each waits for the previous answer) until <paramref name="Rows"/> rows are sent.
/// </summary>
internal sealed record IngestBenchmark(Uri Server, string Token, long Rows, int Batch, int Concurrency)
{
    /// <summary>
    /// Full batches each sender posts before the clock starts, so connection set-up and the server's JIT (which
    /// recompiles a method optimised after about 30 calls) are not timed.
    /// </summary>
    private const int WarmUpBatches = 8;

    public async Task<IngestResult> RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Server, Timeout = TimeSpan.FromMinutes(2) };
        var runId = Guid.NewGuid().ToString("N")[..8];
        var senders = new List<Sender>();
        for (var k = 0; k < Concurrency; k++)
        {
            var name = $"bench-{runId}-{k}";
            senders.Add(new Sender(name, await RegisterAsync(http, name, cancellationToken)));
        }

        // Sequences 0 .. WarmUpBatches * Batch - 1 of every device are its warm-up rows.
        var warmUpRows = (long)WarmUpBatches * Batch;
        // Batches are dealt round-robin, so every sender gets the same share (the last batch may be short).
        var batches = (Rows + Batch - 1) / Batch;
        for (long b = 0; b < batches; b++)
        {
            var sender = senders[(int)(b % Concurrency)];
            var count = (int)Math.Min(Batch, Rows - (b * Batch));
            sender.Bodies.Add(TelemetryBodies.Batch(sender.Device, warmUpRows + sender.Queued, count));
            sender.Queued += count;
        }

        var warmUp = await Task.WhenAll(senders.Select(async s =>
        {
            long accepted = 0;
            long resent = 0;
            for (var w = 0; w < WarmUpBatches; w++)
            {
                var answer = await PostAsync(http, s.ApiKey, TelemetryBodies.Batch(s.Device, (long)w * Batch, Batch), cancellationToken);
                accepted += answer.Accepted;
                resent += answer.Duplicates;
            }

            return (Accepted: accepted, Duplicates: resent);
        }));
        var stored = warmUp.Sum(w => w.Accepted);
        var duplicates = warmUp.Sum(w => w.Duplicates);

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(senders.Select(s => SendAllAsync(http, s, cancellationToken)));
        var elapsed = clock.Elapsed;

        var latencies = results.SelectMany(r => r.LatenciesMs).Order().ToArray();
        var timedStored = results.Sum(r => r.Accepted);
        return new IngestResult(
            Rows,
            batches,
            Concurrency,
            timedStored,
            stored + timedStored,
            duplicates + results.Sum(r => r.Duplicates),
            warmUpRows * Concurrency,
            elapsed,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99));
    }

    private static async Task<SenderResult> SendAllAsync(HttpClient http, Sender sender, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(sender.Bodies.Count);
        long accepted = 0;
        long duplicates = 0;
        foreach (var body in sender.Bodies)
        {
            var start = Stopwatch.GetTimestamp();
            var (stored, resent) = await PostAsync(http, sender.ApiKey, body, cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            accepted += stored;
            duplicates += resent;
        }

        return new SenderResult(accepted, duplicates, latencies);
    }

    private async Task<string> RegisterAsync(HttpClient http, string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/devices")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { name, profile = "rpi4" }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Registration-Token", Token);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, "registering a device", cancellationToken);
        var device = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return device.GetProperty("apiKey").GetString()
            ?? throw new IngestBenchmarkException("the server's registration answer holds no apiKey");
    }

    private static async Task<(long Accepted, long Duplicates)> PostAsync(HttpClient http, string apiKey, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/telemetry") { Content = content };
        request.Headers.Add(DeviceHubContract.ApiKeyHeader, apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, "posting telemetry", cancellationToken);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return (answer.GetProperty("accepted").GetInt64(), answer.GetProperty("duplicates").GetInt64());
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new IngestBenchmarkException($"{what} failed: {(int)response.StatusCode} {response.ReasonPhrase}: {body}");
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)((sorted.Length - 1) * p)];

    private sealed class Sender(string device, string apiKey)
    {
        public string Device { get; } = device;

        public string ApiKey { get; } = apiKey;

        public List<byte[]> Bodies { get; } = [];

        public long Queued { get; set; }
    }

    private sealed record SenderResult(long Accepted, long Duplicates, List<double> LatenciesMs);
}
