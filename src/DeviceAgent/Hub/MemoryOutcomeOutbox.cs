using EdgeControl.Protocol;

namespace EdgeControl.DeviceAgent.Hub;

/// <summary>
/// An outbox that lives as long as the process: the hub benchmark's devices (thousands in one process, where a SQLite
/// transaction per outcome and per acknowledgement was a fifth of the client's CPU) and server tests. Same rules as
/// <see cref="OutcomeOutbox"/> (numbered on entry, kept in sequence order until settled), nothing on disk.
/// </summary>
public sealed class MemoryOutcomeOutbox(long sequenceFloor) : IOutcomeOutbox
{
    private readonly Lock _lock = new();

    /// <summary>In increasing sequence order: added at the end, acknowledged from the front.</summary>
    private readonly List<MeasuredOutcome> _waiting = [];
    private long _sequence = sequenceFloor;
    private int _count;
    private OutboxCounters _counters = new(0, 0, 0, 0, 0, 0);

    public int Count => Volatile.Read(ref _count);

    public long Acknowledged => Counters.Acknowledged;

    public OutboxCounters Counters
    {
        get
        {
            lock (_lock)
            {
                return _counters;
            }
        }
    }

    public MeasuredOutcome Add(MeasuredOutcome outcome, bool poison = false)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_lock)
        {
            var numbered = outcome with { Sequence = ++_sequence };
            _waiting.Add(numbered);
            _counters = poison ? _counters with { PoisonSent = _counters.PoisonSent + 1 } : _counters with { Measured = _counters.Measured + 1 };
            _count = _waiting.Count;
            return numbered;
        }
    }

    public int AcknowledgeUpTo(long sequence)
    {
        lock (_lock)
        {
            var settled = FirstAbove(sequence);
            _waiting.RemoveRange(0, settled);
            _counters = _counters with { Acknowledged = _counters.Acknowledged + settled };
            _count = _waiting.Count;
            return settled;
        }
    }

    public bool Reject(long sequence)
    {
        lock (_lock)
        {
            var at = FirstAbove(sequence - 1);
            if (at == _waiting.Count || _waiting[at].Sequence != sequence)
            {
                return false;
            }

            _waiting.RemoveAt(at);
            _counters = _counters with { Rejected = _counters.Rejected + 1 };
            _count = _waiting.Count;
            return true;
        }
    }

    public void CountDecision(bool answered)
    {
        lock (_lock)
        {
            _counters = answered
                ? _counters with { DecisionsAnswered = _counters.DecisionsAnswered + 1 }
                : _counters with { DecisionsRefused = _counters.DecisionsRefused + 1 };
        }
    }

    public List<MeasuredOutcome> After(long sequence, int max)
    {
        lock (_lock)
        {
            var from = FirstAbove(sequence);
            return _waiting.GetRange(from, Math.Min(max, _waiting.Count - from));
        }
    }

    public void Dispose()
    {
    }

    /// <summary>The index of the first waiting outcome with a sequence above <paramref name="sequence"/> (binary search: they are in order).</summary>
    private int FirstAbove(long sequence)
    {
        int low = 0, high = _waiting.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_waiting[mid].Sequence <= sequence)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
