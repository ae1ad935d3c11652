using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EdgeControl.Data;
using EdgeControl.Web.Api;
using EdgeControl.Web.Cluster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EdgeControl.Web.Devices;

/// <summary>
/// What registering a device and registering a worker share (a worker is a node with a key like a device): the
/// registration token, the rule for node names, and the answer to a name that is taken.
/// </summary>
internal static partial class NodeRegistration
{
    public const string RegistrationTokenHeader = "X-Registration-Token";

    public const int MaxNameLength = 64;

    /// <summary>Null when the request carries the configured registration token; otherwise the 403 or 401 to answer with.</summary>
    public static ProblemHttpResult? CheckToken(HttpRequest request, DevicesOptions options, string kind)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (options.RegistrationToken.Length == 0)
        {
            return TypedResults.Problem(
                title: $"{Capitalised(kind)} registration is off",
                detail: $"No registration token is configured (Devices:RegistrationToken), so only a signed-in admin can register {kind}s.",
                statusCode: StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { ["header"] = RegistrationTokenHeader });
        }

        // Hashing both sides gives equal lengths, so the comparison time says nothing about the token.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(request.Headers[RegistrationTokenHeader].ToString()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.RegistrationToken));
        return CryptographicOperations.FixedTimeEquals(presented, expected)
            ? null
            : TypedResults.Problem(
                title: "Unauthorized",
                detail: $"The {RegistrationTokenHeader} header is missing or does not hold the registration token.",
                statusCode: StatusCodes.Status401Unauthorized,
                extensions: new Dictionary<string, object?> { ["header"] = RegistrationTokenHeader });
    }

    /// <summary>Why <paramref name="name"/> cannot name a <paramref name="kind"/>, or null when it can.</summary>
    public static string? NameProblem(string? name, string kind)
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"A {kind} name is required.";
        }

        if (TextField.Problem(name, MaxNameLength) is { } problem)
        {
            return problem;
        }

        return NamePattern().IsMatch(name)
            ? null
            : $"A {kind} name is 1-{MaxNameLength} characters of A-Z, a-z, 0-9, '.', '_' and '-'.";
    }

    /// <summary>
    /// Stores <paramref name="node"/> (with whatever else <paramref name="db"/> tracks) and a new API key for it: the key,
    /// shown only in the registration's answer, or the 409 when a node of the name exists (or another registration of
    /// it raced past the check).
    /// </summary>
    public static async Task<(string? ApiKey, ProblemHttpResult? Taken)> SaveWithKeyAsync(
        EdgeControlDbContext db, NodeEntity node, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(node);
        if (await db.Nodes.AnyAsync(n => n.Name == node.Name, cancellationToken))
        {
            return (null, DuplicateName(node.Name, kind));
        }

        var apiKey = DeviceApiKey.Generate();
        db.Nodes.Add(node);
        db.DeviceApiKeys.Add(new DeviceApiKeyEntity
        {
            Id = Guid.CreateVersion7(node.CreatedAt),
            NodeId = node.Id,
            KeyHash = DeviceApiKey.Hash(apiKey),
            KeyPrefix = apiKey[..DeviceApiKey.DisplayPrefixLength],
            CreatedAt = node.CreatedAt,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_nodes_name" })
        {
            // Two registrations of the same name raced past the check above.
            return (null, DuplicateName(node.Name, kind));
        }

        return (apiKey, null);
    }

    /// <summary>
    /// Revokes every key of <paramref name="node"/> and marks it revoked (one SaveChanges: together or not at all), then
    /// closes its open hub connections and refuses whatever it still sends over one, on every instance.
    /// </summary>
    public static async Task RevokeAsync(
        EdgeControlDbContext db, NodeEntity node, NodeRevocations revocations, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(revocations);
        foreach (var key in await db.DeviceApiKeys.Where(k => k.NodeId == node.Id && k.RevokedAt == null).ToListAsync(cancellationToken))
        {
            key.RevokedAt = now;
        }

        node.Status = NodeStatuses.Revoked;
        await db.SaveChangesAsync(cancellationToken);
        await revocations.RevokedAsync(node.Id, cancellationToken);
    }

    public static ProblemHttpResult DuplicateName(string name, string kind) => TypedResults.Problem(
        title: $"{Capitalised(kind)} name taken",
        detail: $"A node named '{name}' already exists.",
        statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["field"] = "name", ["name"] = name });

    private static string Capitalised(string kind) => char.ToUpperInvariant(kind[0]) + kind[1..];

    // \z, not $: $ also matches before a final line feed, so "pi-1\n" would pass.
    [GeneratedRegex(@"^[A-Za-z0-9._-]+\z")]
    private static partial Regex NamePattern();
}
