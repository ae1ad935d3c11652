using System.Diagnostics.CodeAnalysis;

namespace EdgeControl.Core.Simulation;

/// <summary>
/// Completion times of the requests currently occupying one node, in a binary min-heap: retiring
/// pops only the requests that have completed, so a node with thousands in flight costs one
/// comparison per request that does not complete, not a walk over all of them. The latest
/// completion is kept too, so a node whose requests have all completed (a user's device by the
/// user's next request, usually) empties without touching the heap.
/// </summary>
/// <remarks>
/// A mutable struct, kept in arrays and used through <c>ref</c>: a city has one per user's device,
/// and 10,000 of them side by side cost one cache line per request instead of two objects to chase.
/// </remarks>
[SuppressMessage("Performance", "CA1815:Override equals and operator equals on value types", Justification = "never compared")]
internal struct InFlightRequests
{
    private double[]? _heap;
    private double _latest;

    public int Count { readonly get; private set; }

    public void Add(double completesAt)
    {
        _heap ??= new double[4];
        if (Count == _heap.Length)
        {
            Array.Resize(ref _heap, Count * 2);
        }

        _latest = Count == 0 ? completesAt : Math.Max(_latest, completesAt);
        var heap = _heap;
        var hole = Count++;
        while (hole > 0)
        {
            var parent = (hole - 1) >> 1;
            if (heap[parent] <= completesAt)
            {
                break;
            }

            heap[hole] = heap[parent];
            hole = parent;
        }

        heap[hole] = completesAt;
    }

    /// <summary>Forgets every request that has completed by <paramref name="now"/>.</summary>
    public void Retire(double now)
    {
        if (Count == 0)
        {
            return;
        }

        if (_latest <= now)
        {
            Count = 0;
            return;
        }

        while (_heap![0] <= now)
        {
            RemoveEarliest();
        }
    }

    public void Clear() => Count = 0;

    private void RemoveEarliest()
    {
        var heap = _heap!;
        var n = --Count;
        var moving = heap[n];
        var hole = 0;
        while (true)
        {
            var child = 2 * hole + 1;
            if (child >= n)
            {
                break;
            }

            if (child + 1 < n && heap[child + 1] < heap[child])
            {
                child++;
            }

            if (heap[child] >= moving)
            {
                break;
            }

            heap[hole] = heap[child];
            hole = child;
        }

        heap[hole] = moving;
    }
}
