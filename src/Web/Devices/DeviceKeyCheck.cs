using EdgeControl.Data;
using EdgeControl.Web.Resilience;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Devices;

/// <summary>
/// Finds the device whose unrevoked API key a request carries in <c>X-Api-Key</c> (SHA-256 of the key against
/// <c>device_api_keys</c>), or the 401 problem details to answer with. Every device endpoint authenticates here.
/// </summary>
internal static class DeviceKeyCheck
{
    /// <summary>The device's id, or the 401 to answer with instead.</summary>
    public static async Task<(Guid? NodeId, ProblemHttpResult? Refused)> AuthenticateAsync(
        HttpRequest request, EdgeControlDbContext db, CancellationToken cancellationToken)
    {
        var apiKey = request.Headers[DevicesApi.ApiKeyHeader].ToString();
        if (apiKey.Length == 0)
        {
            return (null, Unauthorized($"The {DevicesApi.ApiKeyHeader} header with the device's API key is required."));
        }

        var owner = await FindOwnerAsync(apiKey, db, request.HttpContext.RequestServices.GetRequiredService<VerifiedDeviceKeys>(), cancellationToken);
        return owner is null
            ? (null, Unauthorized($"The {DevicesApi.ApiKeyHeader} header does not hold a valid (unrevoked) device API key."))
            : (owner, null);
    }

    /// <summary>
    /// The device holding <paramref name="apiKey"/> as an unrevoked key, or null (the device hub authenticates here
    /// too). While the database is unavailable a key verified before is still recognised (<see cref="VerifiedDeviceKeys"/>);
    /// any other key then gets the database's exception (answered 503).
    /// </summary>
    public static async Task<Guid?> FindOwnerAsync(string apiKey, EdgeControlDbContext db, VerifiedDeviceKeys verified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verified);
        var hash = DeviceApiKey.Hash(apiKey);
        Guid? owner;
        try
        {
            owner = await db.DeviceApiKeys
                .Where(k => k.KeyHash == hash && k.RevokedAt == null)
                .Select(k => (Guid?)k.NodeId)
                .SingleOrDefaultAsync(cancellationToken);
        }
        catch (Exception error) when (DatabaseErrors.IsUnavailable(error) && verified.OwnerOf(hash) is not null)
        {
            return verified.OwnerOf(hash);
        }

        if (owner is { } known)
        {
            verified.Remember(hash, known);
        }
        else
        {
            verified.Forget(hash);
        }

        return owner;
    }

    private static ProblemHttpResult Unauthorized(string detail) => TypedResults.Problem(
        title: "Unauthorized",
        detail: detail,
        statusCode: StatusCodes.Status401Unauthorized,
        extensions: new Dictionary<string, object?> { ["header"] = DevicesApi.ApiKeyHeader });
}
