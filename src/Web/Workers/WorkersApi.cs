using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Accounts;
using EdgeControl.Web.Api;
using EdgeControl.Web.Cluster;
using EdgeControl.Web.ApiReference;
using EdgeControl.Web.Devices;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Topology;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EdgeControl.Web.Workers;

/// <summary>
/// <c>/api/v1/workers</c>: edge and cloud workers register (registration token or a signed-in admin, like devices,
/// under the same rate limit) and get their API key and token key once; operators list them with status, load and
/// measured profile; admins revoke them.
/// </summary>
internal static class WorkersApi
{
    private const string Kind = "worker";

    /// <summary>A worker's profile name when the current scenario has no server of its name: it stands for what it measured.</summary>
    public const string MeasuredProfileName = "measured";

    private const string NoSuchWorker = "There is no worker with this id.";

    public static IEndpointRouteBuilder MapWorkersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(WorkerContract.RegistrationPath).WithTags(ApiTags.Workers);
        api.MapPost("/", RegisterAsync).WithName("registerWorker").Accepts<RegisterWorkerRequest>("application/json")
            .WithSummary("Register an edge or cloud worker (registration token or a signed-in admin); answers its id, API key and token key, shown only this once")
            .DocumentCredentials(ApiSecuritySchemes.RegistrationToken, ApiSecuritySchemes.Session)
            .Refuses(StatusCodes.Status401Unauthorized, $"The {NodeRegistration.RegistrationTokenHeader} header is missing or wrong, and no admin is signed in.")
            .Refuses(StatusCodes.Status403Forbidden, "Registration with a token is off (no Devices:RegistrationToken is configured), and no admin is signed in.")
            .Refuses(StatusCodes.Status409Conflict, "A node with this name exists already (`field`: name).")
            .Refuses(StatusCodes.Status429TooManyRequests, "More registrations from this client address in the last minute than Devices:RegistrationsPerMinute (a signed-in admin is not limited).")
            .RequireRateLimiting(RegistrationRateLimit.PolicyName);
        api.MapGet("/", List).WithName("listWorkers")
            .WithSummary("List registered workers with their status, load and measured profile (never their keys)")
            .RequireAuthorization(Policies.Operator);
        api.MapDelete("/{id:guid}", RevokeAsync).WithName("revokeWorker").WithSummary("Revoke a worker's API key (Admin); closes its hub connections at once and masks its server")
            .Refuses(StatusCodes.Status404NotFound, NoSuchWorker).RequireAuthorization(Policies.Admin);
        return app;
    }

    private static async Task<Results<Created<RegisteredWorker>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        HttpRequest request, EdgeControlDbContext db, IOptions<DevicesOptions> options, WorkerRegistry registry, WorkerStatusRelay relay,
        TopologyTracker topology, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!request.HttpContext.User.IsInRole(Roles.Admin) && NodeRegistration.CheckToken(request, options.Value, Kind) is { } refused)
        {
            return refused;
        }

        var (body, invalid, tooLarge) = await StrictJsonBody.ReadAsync<RegisterWorkerRequest>(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var server = topology.Scenario?.Servers.FirstOrDefault(s => s.Name == body!.Name);
        var errors = WorkerRegistration.Validate(body!, server);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var tokenKey = WorkerTokens.NewKey();
        var node = new NodeEntity
        {
            Id = Guid.CreateVersion7(now),
            Name = body!.Name!,
            Tier = body.Tier!,
            ProfileName = server?.Profile.Name ?? MeasuredProfileName,
            Status = NodeStatuses.Offline,
            CreatedAt = now,
            Url = body.Url!,
            TokenKey = tokenKey,
        };
        // A worker is a node with a key like a device's: the same store, the same scheme, told apart by its tier.
        var (apiKey, taken) = await NodeRegistration.SaveWithKeyAsync(db, node, Kind, cancellationToken);
        if (taken is not null)
        {
            return taken;
        }

        registry.Add(new WorkerNode(node.Id, node.Name, node.Tier, node.Url, tokenKey, node.ProfileName, now), profile: null, profiledAt: null, lastHeartbeatAt: null);
        // The other instances mask its server from now on too (until it heartbeats) and can sign its tokens.
        relay.Changed(node.Id);
        return TypedResults.Created(
            $"{WorkerContract.RegistrationPath}/{node.Id}",
            new RegisteredWorker(node.Id, node.Name, node.Tier, node.Url, apiKey!, WorkerTokens.Encode(tokenKey)));
    }

    private static Ok<IReadOnlyList<WorkerView>> List(WorkerRegistry registry) => TypedResults.Ok(registry.Workers());

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid id, EdgeControlDbContext db, NodeRevocations revocations, TimeProvider clock, CancellationToken cancellationToken)
    {
        var node = await db.Nodes.SingleOrDefaultAsync(n => n.Id == id && n.Tier != NodeTiers.Device, cancellationToken);
        if (node is null)
        {
            return TypedResults.Problem(
                title: "Worker not found",
                detail: $"There is no worker with id '{id}'.",
                statusCode: StatusCodes.Status404NotFound,
                extensions: new Dictionary<string, object?> { ["id"] = id });
        }

        await NodeRegistration.RevokeAsync(db, node, revocations, clock.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }
}
