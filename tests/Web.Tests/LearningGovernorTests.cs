using EdgeControl.Core.Threading;
using EdgeControl.Web.Training;

namespace EdgeControl.Web.Tests;

/// <summary>
/// The live learner gives the machine to serving first: it learns flat out while the rest of the machine leaves
/// enough CPU idle, and keeps to its minimum share while it does not.
/// </summary>
public sealed class LearningGovernorTests
{
    private const double IdleFloor = 0.25;
    private const double MinimumShare = 0.05;
    private static readonly TimeSpan Batch = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void The_learner_learns_flat_out_while_the_rest_of_the_machine_leaves_enough_idle()
    {
        var machine = new ScriptedMachine();
        var governor = new LearningGovernor(IdleFloor, MinimumShare, machine.Sample, machine.Clock);

        governor.RestAfter(Batch);
        machine.Run(othersBusy: 0.6, threadBusy: 0.3);

        Assert.Equal(TimeSpan.Zero, governor.RestAfter(Batch));
        Assert.Equal(1, governor.Share);
    }

    [Fact]
    public void While_the_rest_of_the_machine_leaves_less_than_the_floor_idle_the_learner_keeps_to_its_minimum_share()
    {
        var machine = new ScriptedMachine();
        var governor = new LearningGovernor(IdleFloor, MinimumShare, machine.Sample, machine.Clock);

        governor.RestAfter(Batch);
        machine.Run(othersBusy: 0.9, threadBusy: 0.1);

        // A 100 ms batch is 5% of the learner's time when it rests 1.9 s after it.
        Assert.Equal(TimeSpan.FromMilliseconds(1_900), governor.RestAfter(Batch));
        Assert.Equal(MinimumShare, governor.Share);

        machine.Run(othersBusy: 0.5, threadBusy: 0.01);
        Assert.Equal(TimeSpan.Zero, governor.RestAfter(Batch));
    }

    [Fact]
    public void The_learner_s_own_CPU_is_not_taken_for_the_machine_s_load()
    {
        var machine = new ScriptedMachine();
        var governor = new LearningGovernor(IdleFloor, MinimumShare, machine.Sample, machine.Clock);

        governor.RestAfter(Batch);
        // The machine is fully busy, but half of that is the learner itself: the rest leaves half the machine idle.
        machine.Run(othersBusy: 0.5, threadBusy: 0.5);

        Assert.Equal(TimeSpan.Zero, governor.RestAfter(Batch));
    }

    [Fact]
    public void A_burst_shorter_than_the_window_does_not_change_the_share()
    {
        var machine = new ScriptedMachine();
        var governor = new LearningGovernor(IdleFloor, MinimumShare, machine.Sample, machine.Clock);

        governor.RestAfter(Batch);
        machine.Run(othersBusy: 1.0, threadBusy: 0, seconds: 0.5);

        Assert.Equal(TimeSpan.Zero, governor.RestAfter(Batch));
        Assert.Equal(1, governor.Share);
    }

    [Fact]
    public void A_resting_learner_takes_up_learning_again_as_soon_as_the_machine_has_room()
    {
        var machine = new ScriptedMachine();
        var rested = TimeSpan.Zero;
        var governor = new LearningGovernor(IdleFloor, MinimumShare, machine.Sample, machine.Clock, wait: (slice, _) =>
        {
            rested += slice;
            // Serving's load ends two slices into the rest.
            var busy = rested <= LearningGovernor.Window * 2;
            machine.Run(othersBusy: busy ? 0.9 : 0.2, threadBusy: 0, seconds: slice.TotalSeconds);
        });
        governor.RestAfter(Batch);
        machine.Run(othersBusy: 0.9, threadBusy: 0.1);

        // A 2 s batch would be followed by 38 s of rest; the learner rests only until it sees the machine with room.
        governor.Pace(TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Equal(LearningGovernor.Window * 3, rested);
        Assert.Equal(1, governor.Share);
    }

    [Fact]
    public void With_a_floor_of_zero_or_nothing_to_read_the_learner_never_rests()
    {
        var machine = new ScriptedMachine();
        var off = new LearningGovernor(0, MinimumShare, machine.Sample, machine.Clock);
        var blind = new LearningGovernor(IdleFloor, MinimumShare, () => null, machine.Clock);

        off.RestAfter(Batch);
        blind.RestAfter(Batch);
        machine.Run(othersBusy: 1.0, threadBusy: 0);

        Assert.Equal(TimeSpan.Zero, off.RestAfter(Batch));
        Assert.Equal(TimeSpan.Zero, blind.RestAfter(Batch));
    }

    [Fact]
    public void Saturating_every_core_of_this_machine_makes_the_learner_rest()
    {
        if (CpuSample.Now() is null)
        {
            return; // Nothing to read here (not Linux): the learner never rests, as the test above specifies.
        }

        var governor = new LearningGovernor(IdleFloor, MinimumShare);
        using var stop = new CancellationTokenSource();
        // Real load: one spinning thread per core, beside this test's thread, which only samples.
        var spinners = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Thread.SpinWait(10_000);
            }
        }) { IsBackground = true }).ToArray();
        try
        {
            foreach (var spinner in spinners)
            {
                spinner.Start();
            }

            governor.RestAfter(Batch);
            Thread.Sleep(LearningGovernor.Window + TimeSpan.FromMilliseconds(300));

            Assert.Equal(TimeSpan.FromMilliseconds(1_900), governor.RestAfter(Batch));
        }
        finally
        {
            stop.Cancel();
            foreach (var spinner in spinners)
            {
                spinner.Join();
            }
        }
    }

    /// <summary>A machine of two cores whose CPU use and clock the test sets, second by second.</summary>
    private sealed class ScriptedMachine
    {
        private const long TicksPerSecond = 100;
        private const int Cores = 2;
        private long _busy;
        private long _total;
        private long _thread;

        public SteppedClock Clock { get; } = new();

        public CpuSample? Sample() => new CpuSample(_busy, _total, _thread);

        /// <summary>Lets <paramref name="seconds"/> pass with the rest of the machine and the learner's thread using these fractions of it.</summary>
        public void Run(double othersBusy, double threadBusy, double seconds = 1.5)
        {
            var total = (long)(seconds * TicksPerSecond * Cores);
            _total += total;
            _busy += (long)((othersBusy + threadBusy) * total);
            _thread += (long)(threadBusy * total);
            Clock.Advance(TimeSpan.FromSeconds(seconds));
        }
    }

    private sealed class SteppedClock : TimeProvider
    {
        private long _timestamp;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _timestamp;

        public void Advance(TimeSpan by) => _timestamp += by.Ticks;
    }
}
