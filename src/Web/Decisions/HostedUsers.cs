using System.Collections.Concurrent;
using System.Collections.Frozen;
using EdgeControl.Data;
using Microsoft.EntityFrameworkCore;

namespace EdgeControl.Web.Decisions;

/// <summary>
/// The users each device hosts, loaded from <c>users</c> once per device and kept: a device's users are fixed at its
/// registration, so what was read stays true, and a device seen before keeps getting decisions (and reporting
/// outcomes) while the database is away. Every decision and every outcome checks its user here.
/// </summary>
internal sealed class HostedUsers(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<Guid, FrozenSet<string>> _byDevice = new();

    /// <summary>The users <paramref name="nodeId"/> hosts (none for a device registered before users were). Throws the database's exception when it must be asked and cannot answer.</summary>
    public async ValueTask<FrozenSet<string>> OfAsync(Guid nodeId, CancellationToken cancellationToken)
    {
        if (_byDevice.TryGetValue(nodeId, out var users))
        {
            return users;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>();
        var names = await db.HostedUsers.Where(u => u.DeviceNodeId == nodeId).Select(u => u.Name).ToListAsync(cancellationToken);
        return _byDevice.GetOrAdd(nodeId, names.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>A device just registered with <paramref name="users"/> (stored): no need to read them back.</summary>
    public void Remember(Guid nodeId, IEnumerable<string> users) => _byDevice[nodeId] = users.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>A revoked device asks for nothing any more.</summary>
    public void Forget(Guid nodeId) => _byDevice.TryRemove(nodeId, out _);
}
