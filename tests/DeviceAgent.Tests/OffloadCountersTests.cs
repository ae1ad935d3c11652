using EdgeControl.DeviceAgent.Offload;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>The offloads' progress line: how many were answered, where their time went on average, what was lost.</summary>
public sealed class OffloadCountersTests
{
    [Fact]
    public void The_line_splits_the_mean_answer_time_into_sending_the_workers_queue_and_compute_and_the_rest()
    {
        var counters = new OffloadCounters();
        counters.CountAnswer(totalMs: 30, sendingMs: 8, queueMs: 1, computeMs: 12);
        counters.CountAnswer(totalMs: 40, sendingMs: 12, queueMs: 3, computeMs: 14);
        counters.FirstOf("http://edge-1", OffloadFailure.Timeout);

        Assert.Equal(
            "offloads: 2 answered in 35.0 ms on average (sending 10.0, worker queue 2.0, worker compute 13.0, the rest 10.0), 1 lost (Timeout 1)",
            counters.ToString());
    }

    [Fact]
    public void Before_any_answer_the_line_has_no_times()
    {
        Assert.Equal("offloads: 0 answered", new OffloadCounters().ToString());
    }
}
