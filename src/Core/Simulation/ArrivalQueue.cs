namespace EdgeControl.Core.Simulation;

/// <summary>
/// The next request of every user, earliest first: a binary min-heap over users keyed by (arrival
/// time, user index), so a tie goes to the lowest index as the scan over users it replaces did.
/// Only the earliest user ever changes (its request is served and its next one is drawn), so the
/// one update is <see cref="RescheduleNext"/>: replace the root and sift it down, O(log users).
/// Hand-rolled rather than <see cref="PriorityQueue{TElement, TPriority}"/>: the tie rule needs a
/// composite priority, which there goes through an <see cref="IComparer{T}"/> call per comparison,
/// while here (time, user) pairs sit side by side in one array and compare inline.
/// </summary>
internal sealed class ArrivalQueue(int users)
{
    private readonly Arrival[] _heap = new Arrival[users];

    public int NextUser => _heap[0].User;

    public double NextTime => _heap[0].Time;

    /// <summary>Rebuilds the queue from every user's next arrival time (index = user).</summary>
    public void Reset(ReadOnlySpan<double> arrivalTimes)
    {
        if (arrivalTimes.Length != _heap.Length)
        {
            throw new ArgumentException($"need one arrival time per user ({_heap.Length}), got {arrivalTimes.Length}", nameof(arrivalTimes));
        }

        for (var u = 0; u < _heap.Length; u++)
        {
            _heap[u] = new Arrival(arrivalTimes[u], u);
        }

        for (var i = _heap.Length / 2 - 1; i >= 0; i--)
        {
            SiftDown(i, _heap[i]);
        }
    }

    /// <summary>Gives the earliest user its next arrival time.</summary>
    public void RescheduleNext(double time) => SiftDown(0, new Arrival(time, _heap[0].User));

    private void SiftDown(int hole, Arrival moving)
    {
        var heap = _heap;
        var n = heap.Length;
        while (true)
        {
            var child = 2 * hole + 1;
            if (child >= n)
            {
                break;
            }

            if (child + 1 < n && heap[child + 1].Precedes(heap[child]))
            {
                child++;
            }

            if (!heap[child].Precedes(moving))
            {
                break;
            }

            heap[hole] = heap[child];
            hole = child;
        }

        heap[hole] = moving;
    }

    private readonly record struct Arrival(double Time, int User)
    {
        public bool Precedes(Arrival other) => Time < other.Time || (Time == other.Time && User < other.User);
    }
}
