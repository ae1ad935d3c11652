using System.Collections.Concurrent;
using EdgeControl.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>
/// A real Kestrel endpoint on loopback that speaks the device side of the worker contract
/// (<see cref="WorkerContract.InferPath"/>, <see cref="WorkerContract.PingPath"/>): it checks the token, request id and
/// variant headers and the body's length as a worker does, then answers each attempt as <paramref name="answers"/>
/// says (by attempt number, from 1), and keeps what it received. It runs no model: the offload path's measurements and
/// failure handling are under test, not inference.
/// </summary>
internal sealed class ContractWorker : IAsyncDisposable
{
    public const string Token = "token-for-this-request";

    private readonly WebApplication _app;
    private int _attempts;

    private ContractWorker(WebApplication app) => _app = app;

    /// <summary>What each POST carried: its headers of the contract and its body.</summary>
    public ConcurrentQueue<(string? Token, string? RequestId, string? Variant, byte[] Body)> Received { get; } = new();

    public int Attempts => Volatile.Read(ref _attempts);

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    /// <param name="answers">The answer to attempt n (from 1) of the request with the given id; cancelled when the client goes away.</param>
    public static async Task<ContractWorker> StartAsync(Func<int, string, CancellationToken, Task<IResult>> answers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var worker = new ContractWorker(app);
        app.MapGet(WorkerContract.PingPath, () => TypedResults.NoContent());
        app.MapPost(WorkerContract.InferPath, async (HttpRequest request) =>
        {
            var attempt = Interlocked.Increment(ref worker._attempts);
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var token = request.Headers[WorkerContract.TokenHeader].ToString();
            var requestId = request.Headers[WorkerContract.RequestIdHeader].ToString();
            worker.Received.Enqueue((token, requestId, request.Headers[WorkerContract.VariantHeader].ToString(), body.ToArray()));
            return token == Token ? await answers(attempt, requestId, request.HttpContext.RequestAborted) : TypedResults.Unauthorized();
        });
        await app.StartAsync();
        return worker;
    }

    /// <param name="computeMs">What the answer says the worker spent computing.</param>
    public static Task<IResult> Answer(string requestId, double computeMs = 1) =>
        Task.FromResult<IResult>(TypedResults.Ok(new InferenceAnswer(requestId, [1, 2, 3, 4, 5], QueueMs: 0, computeMs)));

    public static Task<IResult> Busy(int status, int retryAfterSeconds) => Task.FromResult<IResult>(new BusyResult(status, retryAfterSeconds));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class BusyResult(int status, int retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }
    }
}
