namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// What the <see cref="OutcomeBatcher"/> knows of one device's outcomes: the highest sequence queued, settled (stored or
/// rejected) and acknowledged, and how many are waiting. Guarded by locking the instance.
/// <para>
/// Once nothing waits, nothing is owed and the last acknowledgement is older than the interval between two, the entry
/// says nothing a new one would not: an outcome sent again is queued again either way, and acknowledged at once either
/// way. So the batcher forgets it (<see cref="TryForget"/>) and keeps entries only for the devices of the last seconds,
/// not for every device seen since start.
/// </para>
/// </summary>
internal sealed class DeviceOutcomeRange
{
    private long _acknowledged = long.MinValue;
    private long _acknowledgedAt = long.MinValue;
    private bool _resent;

    public long Enqueued { get; private set; } = long.MinValue;

    public long Settled { get; private set; } = long.MinValue;

    /// <summary>Outcomes queued and not yet settled.</summary>
    public int Waiting { get; private set; }

    /// <summary>Dropped from the batcher's entries: whoever still holds it must take the device's new entry instead.</summary>
    public bool Forgotten { get; private set; }

    /// <summary>
    /// Whether <paramref name="sequence"/> is to be queued: it is not waiting in the queue already. An outcome settled
    /// before is queued again: its acknowledgement was lost.
    /// </summary>
    public bool Takes(long sequence) => sequence > Enqueued || sequence <= Settled;

    /// <summary>One outcome of this device is in the queue (call under the instance's lock, in sequence order).</summary>
    public void Queued(long sequence)
    {
        Enqueued = Math.Max(Enqueued, sequence);
        Waiting++;
    }

    /// <summary><paramref name="count"/> outcomes are settled, and everything up to <paramref name="highest"/> with them.</summary>
    public void Settle(long highest, int count)
    {
        lock (this)
        {
            // Sent again after it was acknowledged: that acknowledgement was lost, so it is owed again.
            _resent |= highest <= _acknowledged;
            Settled = Math.Max(Settled, highest);
            Waiting -= count;
        }
    }

    /// <summary>
    /// The sequence to acknowledge now (then counted as sent), or null: nothing is owed, or the last
    /// acknowledgement is not yet <paramref name="every"/> old (in <paramref name="now"/>'s timestamp units).
    /// </summary>
    public long? TakeAcknowledgement(long now, long every)
    {
        lock (this)
        {
            if (!Owed || (_acknowledgedAt != long.MinValue && now - _acknowledgedAt < every))
            {
                return null;
            }

            _acknowledged = Settled;
            _acknowledgedAt = now;
            _resent = false;
            return Settled;
        }
    }

    /// <summary>Marks the entry forgotten when it holds nothing a new one would not (see the class); true if it did.</summary>
    public bool TryForget(long now, long every)
    {
        lock (this)
        {
            Forgotten = Waiting == 0 && !Owed && (_acknowledgedAt == long.MinValue || now - _acknowledgedAt >= every);
            return Forgotten;
        }
    }

    private bool Owed => Settled > _acknowledged || _resent;
}
