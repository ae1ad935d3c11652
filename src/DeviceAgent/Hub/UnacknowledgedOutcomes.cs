using EdgeControl.Protocol;

namespace EdgeControl.DeviceAgent.Hub;

/// <summary>
/// The outcomes the server has not acknowledged yet, in sequence order. They stay here across disconnects and are
/// re-sent after a reconnect; the server stores (device, sequence) once, so a re-send never duplicates a row.
/// </summary>
internal sealed class UnacknowledgedOutcomes(long lastSequence)
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, MeasuredOutcome> _outcomes = [];
    private long _acknowledged;
    private long _sequence = lastSequence;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _outcomes.Count;
            }
        }
    }

    /// <summary>Outcomes acknowledged since start.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>
    /// Numbers <paramref name="outcome"/> with the next sequence and keeps it. Numbering and keeping are one step, so
    /// the sender never sees a higher sequence before a lower one (an acknowledgement covers all sequences below it).
    /// </summary>
    public MeasuredOutcome Add(MeasuredOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_lock)
        {
            var numbered = outcome with { Sequence = ++_sequence };
            _outcomes[numbered.Sequence] = numbered;
            return numbered;
        }
    }

    /// <summary>Forgets every outcome up to <paramref name="sequence"/>: the server has stored them.</summary>
    public void AcknowledgeUpTo(long sequence)
    {
        lock (_lock)
        {
            var stored = _outcomes.Keys.TakeWhile(s => s <= sequence).ToList();
            foreach (var s in stored)
            {
                _outcomes.Remove(s);
            }

            _acknowledged += stored.Count;
        }
    }

    /// <summary>Up to <paramref name="max"/> outcomes with a sequence above <paramref name="sequence"/>, in order.</summary>
    public List<MeasuredOutcome> After(long sequence, int max)
    {
        lock (_lock)
        {
            return [.. _outcomes.Where(o => o.Key > sequence).Take(max).Select(o => o.Value)];
        }
    }
}
