using System.Net.Http.Headers;
using EdgeControl.Core.Catalog;
using EdgeControl.Core.Domain;
using EdgeControl.Protocol;
using EdgeControl.Worker.Execution;
using EdgeControl.Worker.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Worker.Tests;

/// <summary>
/// The worker's real web app on a free loopback port (real Kestrel, real TorchSharp), serving alone with a known token
/// key, started and profiled before a test uses it. The catalog is cut to small variants so a profile takes moments.
/// </summary>
internal sealed class RunningWorker : IAsyncDisposable
{
    public const string Name = "edge-test";

    /// <summary>The API key the worker presents to its control plane's hub.</summary>
    public const string ApiKey = "test-api-key";

    private readonly WebApplication _app;

    private RunningWorker(WebApplication app, WorkerOptions options, byte[] tokenKey, HttpClient http)
    {
        _app = app;
        Options = options;
        TokenKey = tokenKey;
        Http = http;
    }

    /// <summary>The smallest catalog variant (14 MMAC): a forward pass takes milliseconds.</summary>
    public static ModelVariant Smallest { get; } = PublishedFigures.MobileNetV1.MinBy(v => v.MegaMacs)!;

    /// <summary>The largest catalog variant (569 MMAC): tens of milliseconds or more per pass.</summary>
    public static ModelVariant Largest { get; } = PublishedFigures.MobileNetV1.MaxBy(v => v.MegaMacs)!;

    public WorkerOptions Options { get; }

    public byte[] TokenKey { get; }

    /// <summary>A client for the worker's address.</summary>
    public HttpClient Http { get; }

    public InferenceSlots Slots => _app.Services.GetRequiredService<InferenceSlots>();

    /// <summary>The per-request service overhead the worker measured on itself once profiled (null: it could not).</summary>
    public Task<double?> ServiceOverhead => _app.Services.GetRequiredService<ServiceOverheadProbe>().Measured;

    /// <summary>Request ids the worker has taken a token for (its own overhead probe's among them).</summary>
    public int UsedRequestIds => _app.Services.GetRequiredService<Api.UsedRequestIds>().Count;

    /// <param name="configure">Changes to the default test options (one slot, queue 16, the smallest variant).</param>
    public static async Task<RunningWorker> StartAsync(Func<WorkerOptions, WorkerOptions>? configure = null)
    {
        var options = new WorkerOptions
        {
            Name = Name,
            Url = new Uri("http://127.0.0.1:1"),
            Listen = new Uri("http://127.0.0.1:0"),
            Catalog = [Smallest],
            ProfileWarmUps = 1,
            ProfileTimedPasses = 3,
        };
        options = configure?.Invoke(options) ?? options;
        var key = WorkerTokens.NewKey();
        var identity = new RegisteredWorker(Guid.NewGuid(), Name, "edge", options.PublicUrl, ApiKey, WorkerTokens.Encode(key));
        var app = WorkerApp.Build(options, identity, TextWriter.Null);
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var worker = new RunningWorker(app, options, key, http);
        await worker.Slots.Ready.WaitAsync(TimeSpan.FromMinutes(2));
        // Then the worker times requests to itself; a test's requests begin after those, as a device's do after the
        // worker registered, so that no probe request is in a queue or a slot a test counts.
        await app.Services.GetRequiredService<ServiceOverheadProbe>().Measured.WaitAsync(TimeSpan.FromMinutes(2));
        return worker;
    }

    public string Token(string requestId, ModelVariant variant, string? worker = null, DateTimeOffset? expiresAt = null, byte[]? key = null) =>
        WorkerTokens.Issue(key ?? TokenKey, new WorkerTokenClaims(
            requestId, "device-1", worker ?? Name, variant.Name, expiresAt ?? DateTimeOffset.UtcNow + WorkerContract.TokenLifetime));

    /// <summary>POSTs <paramref name="body"/> to /v1/infer with the given headers (a null header is left out).</summary>
    public async Task<HttpResponseMessage> InferAsync(string? token, string requestId, string variant, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, WorkerContract.InferPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add(WorkerContract.RequestIdHeader, requestId);
        request.Headers.Add(WorkerContract.VariantHeader, variant);
        if (token is not null)
        {
            request.Headers.Add(WorkerContract.TokenHeader, token);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>A camera-like input: bytes that vary over the image, at <paramref name="variant"/>'s resolution.</summary>
    public static byte[] Input(ModelVariant variant) => [.. Enumerable.Range(0, variant.InputBytes).Select(i => (byte)(i * 7 % 251))];

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
