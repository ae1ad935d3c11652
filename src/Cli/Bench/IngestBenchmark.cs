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
/// The server accepts an outcome only for a decision it issued to that device, so every row's decision (with its
/// ticket) is asked for with <c>POST /api/v1/decisions</c> before the clock starts: the server must be serving a policy.
/// </summary>
internal sealed record IngestBenchmark(Uri Server, string Token, long Rows, int Batch, int Concurrency)
{
    /// <summary>The one user each sender hosts: a user of the shipped scenarios, which the server decides for.</summary>
    public const string User = "camera-1";

    /// <summary>Decisions asked for at once before the clock starts.</summary>
    private const int ParallelDecisions = 16;

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
            senders[(int)(b % Concurrency)].Queued += (int)Math.Min(Batch, Rows - (b * Batch));
        }

        await DecideAllAsync(http, senders, warmUpRows, cancellationToken);
        var observedAt = DateTimeOffset.UtcNow;
        foreach (var sender in senders)
        {
            for (long first = warmUpRows; first < warmUpRows + sender.Queued; first += Batch)
            {
                sender.Bodies.Add(TelemetryBodies.Batch(sender.Decisions, first, (int)Math.Min(Batch, warmUpRows + sender.Queued - first), observedAt));
            }
        }

        var warmUp = await Task.WhenAll(senders.Select(async s =>
        {
            long accepted = 0;
            long resent = 0;
            for (var w = 0; w < WarmUpBatches; w++)
            {
                var answer = await PostAsync(http, s.ApiKey, TelemetryBodies.Batch(s.Decisions, (long)w * Batch, Batch, observedAt), cancellationToken);
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

    /// <summary>One decision per row of every sender (warm-up rows first), sequence i answering decision i.</summary>
    private static async Task DecideAllAsync(HttpClient http, List<Sender> senders, long warmUpRows, CancellationToken cancellationToken)
    {
        var rows = new List<(Sender Sender, int Sequence)>();
        foreach (var sender in senders)
        {
            sender.Decisions = new IssuedDecision[warmUpRows + sender.Queued];
            rows.AddRange(Enumerable.Range(0, sender.Decisions.Length).Select(i => (sender, i)));
        }

        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = ParallelDecisions, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            var context = new { requestId = $"{row.Sender.Device}-{row.Sequence}", user = User, uplinkMbps = 20, rttEdgeMs = 5, rttCloudMs = 40, localLoad = 0 };
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/decisions")
            {
                Content = new StringContent(JsonSerializer.Serialize(context), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Api-Key", row.Sender.ApiKey);
            using var response = await http.SendAsync(request, ct);
            await EnsureSuccessAsync(response, "asking for a decision", ct);
            row.Sender.Decisions[row.Sequence] = await response.Content.ReadFromJsonAsync<IssuedDecision>(ct)
                ?? throw new IngestBenchmarkException("the server's decision answer is empty");
        });
    }

    private async Task<string> RegisterAsync(HttpClient http, string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/devices")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { name, profile = "rpi4", users = new[] { User } }), Encoding.UTF8, "application/json"),
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

        /// <summary>The rows this sender posts after its warm-up rows.</summary>
        public long Queued { get; set; }

        /// <summary>Row i answers decision i (warm-up rows first).</summary>
        public IssuedDecision[] Decisions { get; set; } = [];
    }

    private sealed record SenderResult(long Accepted, long Duplicates, List<double> LatenciesMs);
}
