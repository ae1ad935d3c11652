using EdgeControl.Core.Threading;

namespace EdgeControl.Web.Training;

/// <summary>
/// Gives the machine to serving first when it is short of CPU. The live learner takes every batch of device outcomes
/// as it comes; while the rest of the machine (serving, the database, anything else) leaves less than
/// <c>idleFloor</c> of its CPU idle, the learner rests after each batch so that it keeps to <c>minimumShare</c> of its
/// own thread's time; once enough is idle again it learns flat out. Why not the learner's nice 19 alone: on a
/// saturated 2-core machine the learner at nice 19 still took 0.2-0.46 cores, and the hub's round-trip p99 at 3,000
/// devices was 66-135 ms with it against 23-37 ms with a learner that needs almost none
/// (docs/results/control-plane/bench-hub-3000.txt, sections 15 and 16). Nothing is lost while it rests: the outcomes
/// wait in the decision log and the next batch takes them all.
/// </summary>
internal sealed class LearningGovernor
{
    /// <summary>How long the machine is watched before the share is set again: long enough to see a trend, not a burst.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly double _idleFloor;
    private readonly double _minimumShare;
    private readonly Func<CpuSample?> _sample;
    private readonly TimeProvider _clock;
    private readonly Action<TimeSpan, CancellationToken> _wait;
    private CpuSample? _last;
    private long _lastAt;

    /// <param name="idleFloor">The idle fraction of the machine below which the learner rests; 0 never rests.</param>
    /// <param name="minimumShare">The share of its thread's time the learner keeps while it rests (0-1].</param>
    /// <param name="sample">The machine's CPU now (<see cref="CpuSample.Now"/>); null readings leave the learner alone.</param>
    /// <param name="wait">Waits a slice of the rest (default: on <paramref name="clock"/>'s real time, until the token is cancelled).</param>
    public LearningGovernor(
        double idleFloor, double minimumShare, Func<CpuSample?>? sample = null, TimeProvider? clock = null, Action<TimeSpan, CancellationToken>? wait = null)
    {
        _idleFloor = idleFloor;
        _minimumShare = minimumShare;
        _sample = sample ?? CpuSample.Now;
        _clock = clock ?? TimeProvider.System;
        _wait = wait ?? ((slice, stop) => stop.WaitHandle.WaitOne(slice));
    }

    /// <summary>The share of its thread's time the learner takes now: 1, or the minimum share while serving needs the machine.</summary>
    public double Share { get; private set; } = 1;

    /// <summary>
    /// After a batch that kept the learner busy for <paramref name="busy"/>: rests as the share says, a
    /// <see cref="Window"/> at a time, and takes up learning again as soon as the machine has room (or on <paramref name="stop"/>).
    /// On the learning thread: it reads that thread's CPU time.
    /// </summary>
    public void Pace(TimeSpan busy, CancellationToken stop)
    {
        var rest = RestAfter(busy);
        while (rest > TimeSpan.Zero && !stop.IsCancellationRequested)
        {
            var slice = rest < Window ? rest : Window;
            _wait(slice, stop);
            rest -= slice;
            if (Reassess() >= 1)
            {
                return;
            }
        }
    }

    /// <summary>How long to rest after a batch that took <paramref name="busy"/>, at the share the machine allows now.</summary>
    public TimeSpan RestAfter(TimeSpan busy)
    {
        var share = Reassess();
        return share >= 1 ? TimeSpan.Zero : busy * ((1 - share) / share);
    }

    /// <summary>Sets the share again once a <see cref="Window"/> has passed since the last time; returns it.</summary>
    private double Reassess()
    {
        if (_idleFloor <= 0)
        {
            return Share;
        }

        if (_last is not { } last)
        {
            _last = _sample();
            _lastAt = _clock.GetTimestamp();
        }
        else if (_clock.GetElapsedTime(_lastAt) >= Window && _sample() is { } now)
        {
            Share = now.IdleLeftByOthersSince(last) < _idleFloor ? _minimumShare : 1;
            _last = now;
            _lastAt = _clock.GetTimestamp();
        }

        return Share;
    }
}
