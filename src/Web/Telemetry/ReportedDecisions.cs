using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Telemetry;

/// <summary>
/// Which decisions have had their outcome reported, and under which of the device's sequence numbers, for as long as
/// an outcome of them is accepted at all (<see cref="OutcomeOptions.DecisionWindow"/> after issue): the same sequence
/// again is a re-send (stored once by the decision log's (node, sequence) index), another sequence for the same
/// request is a second report and refused. Older decisions are refused by their ticket's age, so nothing older is kept.
/// Filled at start-up from what <c>decision_log</c> received within the window (<see cref="ReportedDecisionsLoader"/>),
/// so a restart does not open a second chance.
/// </summary>
/// <remarks>
/// A busy fleet reports thousands of decisions a second, so the window holds millions (2.7 million at 3,000 outcomes/s).
/// Kept as objects (a dictionary node, the request id string, a record per decision) they were millions of long-lived
/// objects for the garbage collector to promote, trace and compact, and about 230 bytes each. Here a decision is one
/// 40-byte struct in arrays that hold no references, which the collector never traces: its key is a keyed hash of
/// (node, request id) instead of the request id itself. The hash is HMAC-SHA256 under a key drawn at start-up and
/// never shown, cut to 128 bits: no device can choose a request id that collides with another device's decision (it
/// would have to know the key), and two different decisions collide by chance with probability 2^-128 per pair.
/// </remarks>
internal sealed class ReportedDecisions(IOptions<OutcomeOptions> options, TimeProvider clock)
{
    /// <summary>Forgetting walks every entry: once a minute is often enough to bound the memory by the window.</summary>
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    /// <summary>Independent locks, so concurrent reports rarely wait for each other or for a sweep of one stripe.</summary>
    private const int Stripes = 64;

    private readonly byte[] _hashKey = RandomNumberGenerator.GetBytes(32);
    private readonly Stripe[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new Stripe())];
    private long _nextSweep = long.MinValue;

    /// <summary>Decisions remembered now.</summary>
    public int Count => _stripes.Sum(s => s.Count);

    /// <summary>
    /// Records that <paramref name="sequence"/> reports the decision of (<paramref name="nodeId"/>,
    /// <paramref name="requestId"/>), unless another sequence did before; returns the sequence that reported it first.
    /// </summary>
    public long Claim(Guid nodeId, string requestId, long sequence, DateTimeOffset issuedAt)
    {
        SweepWhenDue();
        var key = KeyOf(nodeId, requestId);
        return StripeOf(key).GetOrAdd(key, new Report(sequence, issuedAt.UtcTicks));
    }

    /// <summary>
    /// A decision reported before this process started (read back from <c>decision_log</c>), so it is refused a second
    /// report after a restart too. Its issue time is not stored; the time received is later, so it is kept long enough.
    /// </summary>
    public void Remember(Guid nodeId, string requestId, long sequence, DateTimeOffset receivedAt)
    {
        var key = KeyOf(nodeId, requestId);
        StripeOf(key).GetOrAdd(key, new Report(sequence, receivedAt.UtcTicks));
    }

    private Stripe StripeOf(UInt128 key) => _stripes[(int)((ulong)key % Stripes)];

    private UInt128 KeyOf(Guid nodeId, string requestId)
    {
        var length = 16 + Encoding.UTF8.GetMaxByteCount(requestId.Length);
        Span<byte> message = length <= 512 ? stackalloc byte[512] : new byte[length];
        nodeId.TryWriteBytes(message);
        var written = 16 + Encoding.UTF8.GetBytes(requestId, message[16..]);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_hashKey, message[..written], mac);
        return BinaryPrimitives.ReadUInt128LittleEndian(mac);
    }

    private void SweepWhenDue()
    {
        var now = clock.GetUtcNow();
        var due = Interlocked.Read(ref _nextSweep);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweep, (now + SweepEvery).UtcTicks, due) != due)
        {
            return;
        }

        var cutoff = (now - options.Value.DecisionWindow).UtcTicks;
        // Off the reporting thread, one stripe at a time: a report waits at most for one stripe's walk.
        _ = Task.Run(() =>
        {
            foreach (var stripe in _stripes)
            {
                stripe.ForgetIssuedBefore(cutoff);
            }
        });
    }

    /// <summary>One decision's first report: its sequence and when it was issued (UTC ticks).</summary>
    private readonly record struct Report(long Sequence, long IssuedTicks);

    /// <summary>A share of the decisions behind its own lock.</summary>
    private sealed class Stripe
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<UInt128, Report> _reports = [];

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _reports.Count;
                }
            }
        }

        /// <summary>The sequence of the first report of <paramref name="key"/>, which is <paramref name="report"/> if there was none.</summary>
        public long GetOrAdd(UInt128 key, Report report)
        {
            lock (_lock)
            {
                if (_reports.TryGetValue(key, out var first))
                {
                    return first.Sequence;
                }

                _reports.Add(key, report);
                return report.Sequence;
            }
        }

        public void ForgetIssuedBefore(long cutoffTicks)
        {
            lock (_lock)
            {
                // Removing while enumerating a Dictionary is allowed (it does not invalidate the enumerator).
                foreach (var (key, report) in _reports)
                {
                    if (report.IssuedTicks < cutoffTicks)
                    {
                        _reports.Remove(key);
                    }
                }

                // A burst leaves its arrays large; give the memory back once the window has passed.
                if (_reports.Count < _reports.EnsureCapacity(0) / 4)
                {
                    _reports.TrimExcess();
                }
            }
        }
    }
}
