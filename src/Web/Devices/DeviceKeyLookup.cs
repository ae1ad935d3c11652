using EdgeControl.Data;
using EdgeControl.Web.Resilience;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Devices;

/// <summary>
/// Finds the unrevoked key a device presents (its SHA-256 against <c>device_api_keys</c>). While the database is
/// unavailable a key verified before is still recognised (<see cref="VerifiedDeviceKeys"/>), so known devices keep
/// getting decisions; any other key then gets the database's exception, which is answered 503.
/// </summary>
internal sealed class DeviceKeyLookup(EdgeControlDbContext db, VerifiedDeviceKeys verified)
{
    public async Task<DeviceKeyOwner?> FindAsync(string apiKey, CancellationToken cancellationToken)
    {
        var hash = DeviceApiKey.Hash(apiKey);
        DeviceKeyOwner? owner;
        try
        {
            owner = await db.DeviceApiKeys
                .Where(k => k.KeyHash == hash && k.RevokedAt == null)
                .Join(db.Nodes, k => k.NodeId, n => n.Id, (k, n) => new DeviceKeyOwner(k.NodeId, k.Id, n.Tier))
                .SingleOrDefaultAsync(cancellationToken);
        }
        catch (Exception error) when (DatabaseErrors.IsUnavailable(error) && verified.OwnerOf(hash) is { } remembered)
        {
            return remembered;
        }

        if (owner is not null)
        {
            verified.Remember(hash, owner);
        }
        else
        {
            verified.Forget(hash);
        }

        return owner;
    }
}
