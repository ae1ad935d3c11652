using System.Threading.Channels;
using EdgeControl.Agents.Training;

namespace EdgeControl.Web.Training;

/// <summary>
/// What the learning thread produced and the database has not stored yet, bounded however long the database is away:
/// curve points up to a capacity (then the oldest goes, counted), only the latest checkpoint (it supersedes the older
/// ones, which are ~0.4 MB each), and the final status. The writer takes everything at once and writes it in one
/// transaction.
/// </summary>
internal sealed class TrainingWriteQueue(int maxCurvePoints)
{
    private readonly Lock _lock = new();
    private readonly Queue<CurvePoint> _points = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private SavedCheckpoint? _checkpoint;
    private string? _finalStatus;
    private long _realInteractions;
    private long _droppedPoints;
    private bool _completed;

    /// <summary>Curve points dropped because the queue was full (the database was away for long).</summary>
    public long DroppedPoints => Interlocked.Read(ref _droppedPoints);

    /// <summary>Writes waiting: curve points, a checkpoint, a final status.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _points.Count + (_checkpoint is null ? 0 : 1) + (_finalStatus is null ? 0 : 1);
            }
        }
    }

    public void Add(CurvePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        lock (_lock)
        {
            _points.Enqueue(point);
            if (_points.Count > maxCurvePoints)
            {
                _points.Dequeue();
                _droppedPoints++;
            }

            Advance(point.RealInteractions);
        }

        Signal();
    }

    public void Add(SavedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        lock (_lock)
        {
            // A newer checkpoint supersedes a waiting serving one and is announced in its place (it is newer still).
            _checkpoint = _checkpoint is { Serving: true } && !checkpoint.Serving ? checkpoint with { Serving = true } : checkpoint;
            Advance(checkpoint.RealInteractions);
        }

        Signal();
    }

    public void Finish(string status, long realInteractions)
    {
        lock (_lock)
        {
            _finalStatus = status;
            Advance(realInteractions);
        }

        Signal();
    }

    /// <summary>No more writes come: <see cref="TakeAsync"/> returns null once the queue is empty.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
        }

        Signal();
    }

    /// <summary>Everything waiting, once there is something; null when completed and empty.</summary>
    public async Task<IReadOnlyList<PendingWrite>?> TakeAsync()
    {
        while (true)
        {
            lock (_lock)
            {
                var batch = new List<PendingWrite>(_points.Count + 2);
                batch.AddRange(_points.Select(p => new PendingWrite(p.RealInteractions, Point: p)));
                _points.Clear();
                if (_checkpoint is { } checkpoint)
                {
                    batch.Add(new PendingWrite(checkpoint.RealInteractions, Checkpoint: checkpoint));
                    _checkpoint = null;
                }

                if (_finalStatus is { } status)
                {
                    batch.Add(new PendingWrite(_realInteractions, FinalStatus: status));
                    _finalStatus = null;
                }

                if (batch.Count > 0)
                {
                    return batch;
                }

                if (_completed)
                {
                    return null;
                }
            }

            await _signal.Reader.ReadAsync();
        }
    }

    private void Advance(long realInteractions) => _realInteractions = Math.Max(_realInteractions, realInteractions);

    // Already signalled: the write is dropped, and the writer takes everything at once anyway.
    private void Signal() => _signal.Writer.TryWrite(true);
}
