using System.Collections.Concurrent;

namespace EdgeControl.Web.Devices;

/// <summary>
/// The device keys this process has verified against the database (by hash), so a known device is still recognised
/// while the database is away and decisions continue. Only ever a fallback: whenever the database answers it decides,
/// and a revoked or unknown key is forgotten at once.
/// </summary>
internal sealed class VerifiedDeviceKeys
{
    // Keyed by the hash in hex: byte arrays compare by reference.
    private readonly ConcurrentDictionary<string, DeviceKeyOwner> _owners = new(StringComparer.Ordinal);

    public void Remember(byte[] keyHash, DeviceKeyOwner owner) => _owners[Convert.ToHexString(keyHash)] = owner;

    public void Forget(byte[] keyHash) => _owners.TryRemove(Convert.ToHexString(keyHash), out _);

    /// <summary>Forgets every key of <paramref name="nodeId"/> (it was revoked).</summary>
    public void ForgetDevice(Guid nodeId)
    {
        foreach (var (hash, owner) in _owners)
        {
            if (owner.NodeId == nodeId)
            {
                _owners.TryRemove(hash, out _);
            }
        }
    }

    /// <summary>The nodes with a key remembered here.</summary>
    public IEnumerable<Guid> NodeIds() => _owners.Values.Select(owner => owner.NodeId).Distinct();

    public DeviceKeyOwner? OwnerOf(byte[] keyHash) => _owners.TryGetValue(Convert.ToHexString(keyHash), out var owner) ? owner : null;
}
