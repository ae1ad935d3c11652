using EdgeControl.Core.Threading;

namespace EdgeControl.Core.Tests;

/// <summary>A sample of the machine's and the calling thread's CPU time tells how much the rest of the machine used.</summary>
public sealed class CpuSampleTests
{
    [Fact]
    public void The_idle_left_by_others_does_not_count_the_sampling_thread_own_time()
    {
        var before = new CpuSample(MachineBusy: 1_000, MachineTotal: 2_000, ThreadTicks: 100);

        // 200 ticks of machine time passed, all of it busy, half of it this thread's.
        var after = new CpuSample(MachineBusy: 1_200, MachineTotal: 2_200, ThreadTicks: 200);

        Assert.Equal(0.5, after.IdleLeftByOthersSince(before), 6);
    }

    [Fact]
    public void No_time_passed_leaves_the_whole_machine_idle()
    {
        var sample = new CpuSample(10, 20, 1);

        Assert.Equal(1, sample.IdleLeftByOthersSince(sample));
    }

    [Fact]
    public void A_busy_thread_sees_its_own_time_in_its_sample_and_in_the_machine_s()
    {
        if (!OperatingSystem.IsLinux())
        {
            // Without /proc there is nothing to read: no sample, and the learner is never made to rest.
            Assert.Null(CpuSample.Now());
            return;
        }

        var before = CpuSample.Now()!.Value;

        // Spin until the kernel has charged this thread a quarter of a second (its clock ticks are 10 ms), or give up after 20 s.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        CpuSample now;
        do
        {
            Thread.SpinWait(100_000);
            now = CpuSample.Now()!.Value;
        }
        while (now.ThreadTicks - before.ThreadTicks < 25 && DateTime.UtcNow < deadline);

        Assert.True(now.ThreadTicks - before.ThreadTicks >= 25, "the spinning thread was charged no CPU time");
        Assert.True(now.MachineBusy - before.MachineBusy >= now.ThreadTicks - before.ThreadTicks, "the machine was charged less than one of its threads");
    }
}
