using System.Globalization;
using EdgeControl.Core.Domain;
using EdgeControl.Protocol;
using EdgeControl.Worker.Execution;
using EdgeControl.Worker.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdgeControl.Worker.Api;

/// <summary>
/// What devices call: <c>POST /v1/infer</c> runs one request the control plane sent here (its worker token says so),
/// <c>GET /v1/ping</c> answers at once for round-trip measurements, <c>GET /healthz</c> says whether it serves yet.
/// Every refusal is a problem details document naming the header or the body.
/// </summary>
internal static class InferApi
{
    /// <summary>Asked of a device while the worker still profiles itself: about the time a profile of the catalog takes.</summary>
    private const int ProfilingRetryAfterSeconds = 5;

    public static void MapInferApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(WorkerContract.InferPath, InferAsync);
        endpoints.MapGet(WorkerContract.PingPath, () => TypedResults.NoContent());
        endpoints.MapGet("/healthz", (InferenceSlots slots) =>
            slots.IsReady ? Results.Text("ready") : Results.Text("profiling", statusCode: StatusCodes.Status503ServiceUnavailable));
    }

    private static async Task<Results<Ok<InferenceAnswer>, ProblemHttpResult>> InferAsync(
        HttpContext context, InferenceSlots slots, WorkerKey key, UsedRequestIds used, WorkerOptions options, TimeProvider clock)
    {
        var headers = context.Request.Headers;
        if (!slots.IsReady)
        {
            return Refuse(context, StatusCodes.Status503ServiceUnavailable, "Not ready", "The worker is still measuring itself; try again shortly.", ProfilingRetryAfterSeconds);
        }

        string? requestId = headers[WorkerContract.RequestIdHeader];
        string? variantName = headers[WorkerContract.VariantHeader];
        var (claims, refusal) = TokenCheck.Check(key, headers[WorkerContract.TokenHeader], requestId, variantName, clock.GetUtcNow());
        if (claims is null)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Token refused", refusal!, "header", WorkerContract.TokenHeader);
        }

        if (options.Catalog.FirstOrDefault(v => string.Equals(v.Name, claims.Variant, StringComparison.Ordinal)) is not { } variant)
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown variant", $"The {WorkerContract.VariantHeader} '{claims.Variant}' names no variant of this worker's catalog.", "header", WorkerContract.VariantHeader);
        }

        var (input, problem) = await InputBody.ReadAsync(context.Request, variant, context.RequestAborted);
        if (input is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Wrong input size", problem!, "field", "body");
        }

        switch (used.TryClaim(claims.RequestId, claims.ExpiresAt))
        {
            case UsedRequestIds.Claim.AlreadyUsed:
                return Problem(StatusCodes.Status401Unauthorized, "Token refused", $"The token for request '{claims.RequestId}' was used before: a token is good once.", "header", WorkerContract.TokenHeader);
            case UsedRequestIds.Claim.Full:
                return Refuse(context, StatusCodes.Status503ServiceUnavailable, "Overloaded", "The worker remembers too many recent requests to take another now.", 1);
        }

        var job = new InferenceJob(variant, input);
        if (!slots.TryEnqueue(job))
        {
            // Not run: the device may retry with the same token before it expires.
            used.Release(claims.RequestId);
            return Refuse(context, StatusCodes.Status429TooManyRequests, "Queue full", $"All {options.QueueLength} places in the queue are taken.", RetryAfterSeconds(slots, variant));
        }

        var done = await job.Done;
        return TypedResults.Ok(new InferenceAnswer(claims.RequestId, done.Top5, done.QueueMs, done.ComputeMs));
    }

    /// <summary>
    /// When the work ahead of a new request will be done: every queued and running request at this variant's measured
    /// time, shared by the slots; whole seconds (HTTP's unit), at least one.
    /// </summary>
    private static int RetryAfterSeconds(InferenceSlots slots, ModelVariant variant)
    {
        var load = slots.Load;
        var medianMs = slots.Ready.Result.Variants.FirstOrDefault(v => v.Variant == variant)?.MedianMs ?? 1000;
        return Math.Max(1, (int)Math.Ceiling((load.Queued + load.InFlight) * medianMs / load.Slots / 1000));
    }

    private static ProblemHttpResult Refuse(HttpContext context, int status, string title, string detail, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: status, title: title);
    }

    /// <param name="part">"header" with the header's name, or "field" with "body": what a client must fix.</param>
    private static ProblemHttpResult Problem(int status, string title, string detail, string part, string name) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { [part] = name });
}
