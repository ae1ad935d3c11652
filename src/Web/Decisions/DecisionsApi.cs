using System.Diagnostics;
using EdgeControl.Protocol;
using EdgeControl.Web.Api;
using EdgeControl.Web.Devices;
using EdgeControl.Web.Observability;
using EdgeControl.Web.Workers;
using Microsoft.AspNetCore.Http.HttpResults;
using EdgeControl.Web.ApiReference;

namespace EdgeControl.Web.Decisions;

/// <summary><c>POST /api/v1/decisions</c>: a decision for one request of a device that holds no hub connection.</summary>
internal static class DecisionsApi
{
    /// <summary>The first policy is published after the orchestrator's first evaluation, seconds after start-up.</summary>
    private const int RetryAfterSeconds = 5;

    public static IEndpointRouteBuilder MapDecisionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/decisions").WithTags(ApiTags.Decisions)
            .MapPost("/", DecideAsync).WithName("requestDecision")
            .Accepts<RequestContext>("application/json")
            .WithSummary("Decide where one request runs and with which model variant")
            .WithDescription($"For devices without a hub connection. Needs the device's key in {DeviceHubContract.ApiKeyHeader} and one of the users the device registered with (403 otherwise). Answers from the serving copy of the current policy (greedy), with the ticket its outcome must carry to /api/v1/telemetry; 503 with Retry-After until the orchestrator has published one.")
            .Refuses(StatusCodes.Status403Forbidden, "The user is not one this device registered with (`field`: user).")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "No policy yet: the orchestrator has not loaded its scenario or published its first policy; retry after Retry-After seconds.")
            .RequireAuthorization(DeviceKeyAuthentication.PolicyName);
        return app;
    }

    private static async Task<Results<Ok<ExecuteCommand>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        HttpContext http, ObservationMapper mapper, DecisionService decisions, HostedUsers hostedUsers,
        DecisionTickets tickets, PendingDecisions pending, WorkerDispatch workers, TimeProvider clock, EdgeControlMetrics metrics, CancellationToken cancellationToken)
    {
        var (context, invalid, tooLarge) = await StrictJsonBody.ReadAsync<RequestContext>(http.Request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var mapped = mapper.Map(context!);
        if (mapped.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(mapped.Errors);
        }

        if (mapped.Observation is not { } observation)
        {
            return NoPolicyYet(http, "The orchestrator has not loaded its scenario yet.");
        }

        var device = DeviceClaims.NodeIdOf(http.User);
        var user = context!.User!;
        if (!(await hostedUsers.OfAsync(device, cancellationToken)).Contains(user))
        {
            return NotHosted(user);
        }

        var requestId = context.RequestId ?? Guid.CreateVersion7().ToString("N");
        var started = Stopwatch.GetTimestamp();
        try
        {
            var decision = decisions.Decide(requestId, observation, explore: false);
            // A ticket key not yet read from the database is a 503 like a missing policy: count only answered decisions.
            var ticket = tickets.Issue(device, decision.RequestId, user, decision.Action, decision.Target, decision.Variant, clock.GetUtcNow());
            metrics.Decided(decision.TargetTier, "rest", decision.Explored, Stopwatch.GetElapsedTime(started));
            var (workerUrl, workerToken) = workers.For(device, decision);
            // Its context goes into the decision log with the outcome (POST /api/v1/telemetry), as over the hub.
            pending.Add(device, mapped.Scenario!, observation, decision);
            return TypedResults.Ok(new ExecuteCommand(
                decision.RequestId, user, decision.Target, decision.TargetTier, decision.Variant, decision.Action, ticket, workerUrl, workerToken));
        }
        catch (InvalidOperationException error)
        {
            return NoPolicyYet(http, error.Message);
        }
    }

    /// <summary>403: the key is valid, but a device asks (and later reports) only for the users registered with it.</summary>
    private static ProblemHttpResult NotHosted(string user) => TypedResults.Problem(
        title: "Not a user of this device",
        detail: $"'{user}' is not a user this device hosts (its users are given when it registers): a device asks for decisions for its own users only.",
        statusCode: StatusCodes.Status403Forbidden,
        extensions: new Dictionary<string, object?> { ["field"] = "user" });

    private static ProblemHttpResult NoPolicyYet(HttpContext http, string detail)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            title: "No policy yet",
            detail: $"{detail} Decisions are answered once the orchestrator has published its first policy; retry in {RetryAfterSeconds} s.",
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
