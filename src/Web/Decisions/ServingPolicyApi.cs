using EdgeControl.Web.Accounts;
using EdgeControl.Web.Api;
using EdgeControl.Web.ApiReference;
using EdgeControl.Web.Cluster;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdgeControl.Web.Decisions;

/// <summary>
/// <c>/api/v1/serving-policy</c>: who decides for devices. <c>PUT</c> (Admin, like starting a training run) switches
/// between the run's learner and a fixed policy for A/B windows; <c>GET</c> says which serves now. Held in memory and
/// sent to every other running instance (<see cref="ClusterChannels.ServingPolicy"/>); not stored, so an instance that
/// starts later, and every instance after a restart, serves the learner until the next switch.
/// </summary>
internal static class ServingPolicyApi
{
    public static IEndpointRouteBuilder MapServingPolicyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/serving-policy").WithTags(ApiTags.ServingPolicy);
        api.MapGet("/", (DecisionService decisions) => TypedResults.Ok(new ServingPolicyResponse(decisions.ServingPolicy)))
            .WithName("getServingPolicy").WithSummary("Which policy decides for devices now")
            .RequireAuthorization(Policies.Operator);
        api.MapPut("/", SetAsync).WithName("setServingPolicy").Accepts<ServingPolicyRequest>("application/json")
            .WithSummary("Let the run's learner or a fixed policy decide for devices (Admin); the decision log's served_by says which decided")
            .RequireAuthorization(Policies.Admin);
        return app;
    }

    private static async Task<Results<Ok<ServingPolicyResponse>, ValidationProblem, ProblemHttpResult>> SetAsync(
        HttpRequest request, DecisionService decisions, ClusterBus bus, CancellationToken cancellationToken)
    {
        var (body, invalid, tooLarge) = await StrictJsonBody.ReadAsync<ServingPolicyRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var known = decisions.Scenario is { } scenario ? ServingPolicies.For(scenario) : ServingPolicies.Names;
        if (body!.Policy is not { } name || !known.Contains(name, StringComparer.Ordinal))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["policy"] = [$"The serving policy is one of {string.Join(", ", known)}."],
            });
        }

        decisions.Serve(name);
        await bus.PublishAsync(ClusterChannels.ServingPolicy, name, cancellationToken);
        return TypedResults.Ok(new ServingPolicyResponse(decisions.ServingPolicy));
    }
}
