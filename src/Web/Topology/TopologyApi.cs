using EdgeControl.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using EdgeControl.Web.ApiReference;

namespace EdgeControl.Web.Topology;

/// <summary><c>GET /api/v1/topology</c>: the nodes, links, loads and each user's latest placement, as tracked now.</summary>
internal static class TopologyApi
{
    /// <summary>The orchestrator loads its scenario within seconds of start-up.</summary>
    private const int RetryAfterSeconds = 5;

    public static IEndpointRouteBuilder MapTopologyApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/topology").WithTags(ApiTags.Topology)
            .MapGet("/", Get).WithName("getTopology")
            .WithSummary("The current nodes, links, loads and each user's latest placement")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "The orchestrator has not loaded a scenario yet; retry after Retry-After seconds.")
            .RequireAuthorization(Policies.Operator);
        return app;
    }

    private static Results<Ok<TopologySnapshot>, ProblemHttpResult> Get(HttpContext http, TopologyTracker topology)
    {
        if (topology.Snapshot() is { } snapshot)
        {
            return TypedResults.Ok(snapshot);
        }

        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            title: "No topology yet",
            detail: "The orchestrator has not loaded a scenario yet (it does so at start-up unless Orchestrator:Enabled is false).",
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
