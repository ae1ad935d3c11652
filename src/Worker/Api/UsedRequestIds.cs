using System.Collections.Concurrent;

namespace EdgeControl.Worker.Api;

/// <summary>
/// The request ids this worker has run, each remembered until its token expires (after that the token itself is
/// refused), so a token is good once. Bounded: past <c>capacity</c> live ids it refuses new ones (the caller answers
/// 503) instead of growing; at the 30 s token lifetime the default 100,000 is over 3,000 requests per second, far more
/// than one worker computes.
/// </summary>
internal sealed class UsedRequestIds(int capacity, TimeProvider clock)
{
    /// <summary>A full set is swept of expired ids at most this often, so a burst at capacity does not sweep per request.</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);
    private readonly Lock _sweep = new();
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public int Count => _used.Count;

    /// <summary>Records <paramref name="requestId"/> as used until <paramref name="expiresAt"/>.</summary>
    public Claim TryClaim(string requestId, DateTimeOffset expiresAt)
    {
        if (_used.Count >= capacity && !Sweep())
        {
            return Claim.Full;
        }

        return _used.TryAdd(requestId, expiresAt) ? Claim.Claimed : Claim.AlreadyUsed;
    }

    /// <summary>Forgets a claim whose request was not run (the queue was full), so the device may retry with the same token.</summary>
    public void Release(string requestId) => _used.TryRemove(requestId, out _);

    /// <summary>Drops expired ids; false when the set is still full.</summary>
    private bool Sweep()
    {
        var now = clock.GetUtcNow();
        lock (_sweep)
        {
            if (now - _lastSweep >= SweepInterval)
            {
                _lastSweep = now;
                foreach (var (id, expiresAt) in _used)
                {
                    if (expiresAt <= now)
                    {
                        _used.TryRemove(id, out _);
                    }
                }
            }
        }

        return _used.Count < capacity;
    }

    public enum Claim
    {
        Claimed,
        AlreadyUsed,
        Full,
    }
}
