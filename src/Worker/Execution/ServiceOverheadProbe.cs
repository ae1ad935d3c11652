using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeControl.Core.Domain;
using EdgeControl.Protocol;
using EdgeControl.Worker.Api;
using EdgeControl.Worker.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EdgeControl.Worker.Execution;

/// <summary>
/// Measures what a request costs this worker beyond its forward pass, the twin's per-request service overhead
/// (<c>NodeProfile.ServiceOverheadMs</c>): once the slots are profiled and Kestrel listens, it sends real
/// <c>POST /v1/infer</c> requests to itself over its own HTTP stack (a keep-alive HTTP/1.1 connection as devices use,
/// a token it signs with its own key, the variant's full input), and takes the median of the time to the answer minus
/// the compute the answer reports: the HTTP exchange, reading the body, building the input tensor, the hand-over to a
/// slot and the answer. Over loopback, so no link is in it (the twin counts the upload by the uplink's bandwidth).
/// One variant per input resolution (the one with the fewest MACs), so the body sizes devices send are all in it.
/// A failed measurement is logged and reported as none (null): the worker serves all the same.
/// </summary>
internal sealed class ServiceOverheadProbe(
    InferenceSlots slots, WorkerOptions options, WorkerKey key, IServer server, IHostApplicationLifetime lifetime, TextWriter output, ILogger<ServiceOverheadProbe> log)
    : BackgroundService
{
    /// <summary>Untimed requests per variant first: the first requests pay for connection set-up and JIT.</summary>
    public const int WarmUps = 2;

    /// <summary>Timed requests per variant.</summary>
    public const int TimedRequests = 7;

    private readonly TaskCompletionSource<double?> _measured = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The median overhead in milliseconds once measured, or null when it could not be.</summary>
    public Task<double?> Measured => _measured.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await slots.Ready.WaitAsync(stoppingToken);
            await Started(stoppingToken);
            var overheads = await MeasureAsync(SelfAddress(), stoppingToken);
            var median = Median(overheads);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"service overhead: {median:0.00} ms per request beyond compute (median of {overheads.Count} requests to itself over HTTP: body, input tensor, hand-over, answer)"));
            _measured.TrySetResult(median);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _measured.TrySetCanceled(stoppingToken);
        }
        catch (Exception error) when (error is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException)
        {
            log.OverheadNotMeasured(error.Message);
            _measured.TrySetResult(null);
        }
    }

    private async Task<List<double>> MeasureAsync(Uri self, CancellationToken cancel)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = self,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var variants = options.Catalog.GroupBy(v => v.Resolution).Select(g => g.MinBy(v => v.MegaMacs)!).ToList();
        var overheads = new List<double>(variants.Count * TimedRequests);
        foreach (var variant in variants)
        {
            var input = new byte[variant.InputBytes];
            for (var i = 0; i < input.Length; i++)
            {
                input[i] = (byte)(i * 7 % 251); // a pattern, not zeros: nothing on the way may take a shortcut
            }

            for (var request = 0; request < WarmUps + TimedRequests; request++)
            {
                var overhead = await TimeOneAsync(http, variant, input, cancel);
                if (request >= WarmUps)
                {
                    overheads.Add(overhead);
                }
            }
        }

        return overheads;
    }

    private async Task<double> TimeOneAsync(HttpClient http, ModelVariant variant, byte[] input, CancellationToken cancel)
    {
        var requestId = $"self-probe-{Guid.NewGuid():N}";
        var token = WorkerTokens.Issue(key.TokenKey, new WorkerTokenClaims(
            requestId, options.Name, options.Name, variant.Name, DateTimeOffset.UtcNow + WorkerContract.TokenLifetime));
        using var request = new HttpRequestMessage(HttpMethod.Post, WorkerContract.InferPath) { Content = new ByteArrayContent(input) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.TryAddWithoutValidation(WorkerContract.TokenHeader, token);
        request.Headers.TryAddWithoutValidation(WorkerContract.RequestIdHeader, requestId);
        request.Headers.TryAddWithoutValidation(WorkerContract.VariantHeader, variant.Name);
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancel);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<InferenceAnswer>(JsonSerializerOptions.Web, cancel)
            ?? throw new InvalidOperationException("the worker's own answer was empty");
        return Math.Max(0, Stopwatch.GetElapsedTime(started).TotalMilliseconds - answer.ComputeMs);
    }

    private Task Started(CancellationToken cancel)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(cancel);
    }

    /// <summary>Where Kestrel listens (the port it bound, also for port 0), with a wildcard host asked on loopback.</summary>
    private Uri SelfAddress()
    {
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reports no address it listens on");
        var address = new UriBuilder(bound);
        if (address.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*")
        {
            address.Host = "127.0.0.1";
        }

        return address.Uri;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
