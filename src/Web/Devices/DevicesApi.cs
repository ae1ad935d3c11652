using EdgeControl.Core.Catalog;
using EdgeControl.Core.Domain;
using EdgeControl.Data;
using EdgeControl.Web.Accounts;
using EdgeControl.Protocol;
using EdgeControl.Web.Api;
using EdgeControl.Web.Cluster;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.DeviceHub;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using EdgeControl.Web.ApiReference;

namespace EdgeControl.Web.Devices;

internal static class DevicesApi
{
    public const string RegistrationTokenHeader = NodeRegistration.RegistrationTokenHeader;

    private const string Kind = "device";

    private const int MaxNameLength = NodeRegistration.MaxNameLength;

    private const string NoSuchDevice = "There is no device with this id.";

    /// <summary>Users one device may host: more than any device runs, few enough to hold every name in memory.</summary>
    private const int MaxUsers = 1000;

    /// <summary>1,000 user names at their longest (64 characters, JSON-escaped at worst 6 bytes each) need about 400 KB.</summary>
    private const int MaxRegistrationBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapDevicesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/devices").WithTags(ApiTags.Devices);
        api.MapPost("/", RegisterAsync).WithName("registerDevice").Accepts<RegisterDeviceRequest>("application/json")
            .WithSummary("Register a device and the users it hosts (registration token or a signed-in admin); answers its id and API key, shown only this once")
            .DocumentCredentials(ApiSecuritySchemes.RegistrationToken, ApiSecuritySchemes.Session)
            .Refuses(StatusCodes.Status401Unauthorized, $"The {RegistrationTokenHeader} header is missing or wrong, and no admin is signed in.")
            .Refuses(StatusCodes.Status403Forbidden, "Registration with a token is off (no Devices:RegistrationToken is configured), and no admin is signed in.")
            .Refuses(StatusCodes.Status409Conflict, "A node with this name exists already (`field`: name).")
            .Refuses(StatusCodes.Status429TooManyRequests, "More registrations from this client address in the last minute than Devices:RegistrationsPerMinute (a signed-in admin is not limited).")
            .RequireRateLimiting(RegistrationRateLimit.PolicyName);
        api.MapGet("/", ListAsync).WithName("listDevices").WithSummary("List registered devices")
            .RequireAuthorization(Policies.Operator);
        api.MapGet("/{id:guid}", GetAsync).WithName("getDevice").WithSummary("Get one device")
            .Refuses(StatusCodes.Status404NotFound, NoSuchDevice).RequireAuthorization(Policies.Operator);
        api.MapPost("/{id:guid}/heartbeat", HeartbeatAsync).WithName("reportHeartbeat").WithSummary("Heartbeat of a device (its API key); marks it online")
            .Refuses(StatusCodes.Status403Forbidden, $"The key in {DeviceHubContract.ApiKeyHeader} is another device's than the one in the path.")
            .RequireAuthorization(DeviceKeyAuthentication.PolicyName);
        api.MapDelete("/{id:guid}", RevokeAsync).WithName("revokeDevice").WithSummary("Revoke a device's API keys (Admin); closes its hub connections at once")
            .Refuses(StatusCodes.Status404NotFound, NoSuchDevice).RequireAuthorization(Policies.Admin);
        return app;
    }

    private static async Task<Results<Created<RegisteredDeviceResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        HttpRequest request, EdgeControlDbContext db, IOptions<DevicesOptions> options, HostedUsers hostedUsers, TimeProvider clock, CancellationToken cancellationToken)
    {
        // A device registers itself with the shared token; a signed-in admin (the dashboard) needs none.
        if (!request.HttpContext.User.IsInRole(Roles.Admin) && NodeRegistration.CheckToken(request, options.Value, Kind) is { } refused)
        {
            return refused;
        }

        var (body, invalid, tooLarge) = await StrictJsonBody.ReadAsync<RegisterDeviceRequest>(request, cancellationToken, MaxRegistrationBytes);
        if (invalid is not null)
        {
            return invalid;
        }

        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var errors = Validate(body!);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var node = new NodeEntity
        {
            Id = Guid.CreateVersion7(now),
            Name = body!.Name!,
            Tier = NodeTiers.Device,
            ProfileName = body.Profile!,
            Status = NodeStatuses.Offline,
            CreatedAt = now,
        };
        List<string> users = [.. body.Users!.Select(u => u!)];
        db.HostedUsers.AddRange(users.Select(user => new HostedUserEntity { Id = Guid.CreateVersion7(now), Name = user, DeviceNodeId = node.Id, CreatedAt = now }));
        var (apiKey, taken) = await NodeRegistration.SaveWithKeyAsync(db, node, Kind, cancellationToken);
        if (taken is not null)
        {
            return taken;
        }

        hostedUsers.Remember(node.Id, users);
        return TypedResults.Created($"/api/v1/devices/{node.Id}", new RegisteredDeviceResponse(node.Id, node.Name, node.ProfileName, users, apiKey!));
    }

    private static async Task<Ok<List<DeviceResponse>>> ListAsync(EdgeControlDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await DevicesOf(db, db.Nodes.Where(n => n.Tier == NodeTiers.Device).OrderBy(n => n.Name)).ToListAsync(cancellationToken));

    private static async Task<Results<Ok<DeviceResponse>, ProblemHttpResult>> GetAsync(
        Guid id, EdgeControlDbContext db, CancellationToken cancellationToken)
    {
        var device = await DevicesOf(db, db.Nodes.Where(n => n.Id == id && n.Tier == NodeTiers.Device)).SingleOrDefaultAsync(cancellationToken);
        return device is null ? NotFound(id) : TypedResults.Ok(device);
    }

    /// <summary>The devices of <paramref name="nodes"/> as shown, each with its users by name (one query).</summary>
    private static IQueryable<DeviceResponse> DevicesOf(EdgeControlDbContext db, IQueryable<NodeEntity> nodes) =>
        nodes.Select(n => new DeviceResponse(
            n.Id, n.Name, n.ProfileName, n.Status, n.LastHeartbeatAt, n.CreatedAt,
            db.HostedUsers.Where(u => u.DeviceNodeId == n.Id).OrderBy(u => u.Name).Select(u => u.Name).ToList()));

    private static async Task<Results<NoContent, ProblemHttpResult>> HeartbeatAsync(
        Guid id, HttpRequest request, EdgeControlDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (DeviceClaims.NodeIdOf(request.HttpContext.User) != id)
        {
            return TypedResults.Problem(
                title: "Key of another device",
                detail: $"The API key in {DeviceHubContract.ApiKeyHeader} belongs to another device than '{id}'.",
                statusCode: StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { ["header"] = DeviceHubContract.ApiKeyHeader, ["id"] = id });
        }

        var now = clock.GetUtcNow();
        await db.Nodes
            .Where(n => n.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.LastHeartbeatAt, now).SetProperty(n => n.Status, NodeStatuses.Online), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid id, EdgeControlDbContext db, NodeRevocations revocations, TimeProvider clock, CancellationToken cancellationToken)
    {
        var node = await db.Nodes.SingleOrDefaultAsync(n => n.Id == id && n.Tier == NodeTiers.Device, cancellationToken);
        if (node is null)
        {
            return NotFound(id);
        }

        await NodeRegistration.RevokeAsync(db, node, revocations, clock.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static Dictionary<string, string[]> Validate(RegisterDeviceRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        if (NodeRegistration.NameProblem(body.Name, Kind) is { } nameProblem)
        {
            errors["name"] = [nameProblem];
        }

        if (string.IsNullOrEmpty(body.Profile))
        {
            errors["profile"] = [$"A device profile is required (one of {string.Join(", ", DeviceProfiles)})."];
        }
        else if (TextField.Problem(body.Profile, MaxNameLength) is { } problem)
        {
            // Before the message below echoes the value back.
            errors["profile"] = [problem];
        }
        else if (!DeviceProfiles.Contains(body.Profile, StringComparer.Ordinal))
        {
            errors["profile"] = [$"'{body.Profile}' is not a device profile (one of {string.Join(", ", DeviceProfiles)})."];
        }

        ValidateUsers(errors, body.Users);
        return errors;
    }

    /// <summary>1-<see cref="MaxUsers"/> distinct names, each one the decision log can store (the text rule, its length).</summary>
    private static void ValidateUsers(Dictionary<string, string[]> errors, List<string?>? users)
    {
        if (users is not { Count: > 0 and <= MaxUsers })
        {
            errors["users"] = [$"The users this device hosts are required: 1-{MaxUsers} scenario user names (such as \"camera-1\")."];
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < users.Count; i++)
        {
            var field = $"users[{i}]";
            if (string.IsNullOrEmpty(users[i]))
            {
                errors[field] = [$"A user name of 1-{DecisionLogEntity.MaxUserNameLength} characters is required."];
            }
            else if (TextField.Problem(users[i], DecisionLogEntity.MaxUserNameLength) is { } problem)
            {
                errors[field] = [problem];
            }
            else if (!seen.TryAdd(users[i]!, i))
            {
                errors[field] = [$"'{users[i]}' appears already at users[{seen[users[i]!]}]."];
            }
        }
    }

    private static IEnumerable<string> DeviceProfiles =>
        PublishedFigures.NodeProfiles.Where(p => p.Tier == Tier.Device).Select(p => p.Name);

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        title: "Device not found",
        detail: $"There is no device with id '{id}'.",
        statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["id"] = id });
}
