using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EdgeControl.DeviceAgent.Hub;

/// <summary>
/// The control-plane instances an agent may speak to (<c>--server A,B,...</c>), in the order it tries them: first the
/// one a stable hash of the device's name picks, so that a fleet spreads evenly over the instances and each device
/// comes back to the same one after a restart, then round the list. A device stays on the instance it reached until
/// that instance stops answering (see <see cref="DeviceHubClientOptions.FailoverAfter"/>); it does not move back when
/// the first one returns, so a restarted instance fills up again with new devices and with those other failures move.
/// </summary>
public sealed class ControlPlanes
{
    private readonly Uri[] _servers;
    private int _current;

    /// <param name="servers">At least one; any duplicates are tried once.</param>
    /// <param name="spreadKey">What picks the first instance: the device's name (or its key when it has none).</param>
    public ControlPlanes(IReadOnlyList<Uri> servers, string spreadKey)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(spreadKey);
        _servers = [.. servers.Distinct()];
        if (_servers.Length == 0)
        {
            throw new ArgumentException("At least one control-plane URL is needed.", nameof(servers));
        }

        _current = FirstIndex(spreadKey, _servers.Length);
    }

    /// <summary>One control plane: nothing to spread over or fail over to.</summary>
    public static ControlPlanes One(Uri server) => new([server], string.Empty);

    public IReadOnlyList<Uri> All => _servers;

    /// <summary>The instance the agent speaks to now.</summary>
    public Uri Current => _servers[Volatile.Read(ref _current)];

    public int Count => _servers.Length;

    /// <summary>Moves on to the next instance of the list (after the last: the first) and returns it.</summary>
    public Uri MoveNext()
    {
        int current, next;
        do
        {
            current = Volatile.Read(ref _current);
            next = (current + 1) % _servers.Length;
        }
        while (Interlocked.CompareExchange(ref _current, next, current) != current);

        return _servers[next];
    }

    /// <summary>
    /// The index <paramref name="spreadKey"/> picks among <paramref name="count"/> instances: SHA-256 rather than
    /// <see cref="string.GetHashCode()"/>, which is randomised per process and would move a device at every restart.
    /// </summary>
    public static int FirstIndex(string spreadKey, int count)
    {
        ArgumentNullException.ThrowIfNull(spreadKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(spreadKey));
        return (int)(BinaryPrimitives.ReadUInt32BigEndian(hash) % (uint)count);
    }
}
