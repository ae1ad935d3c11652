using EdgeControl.DeviceAgent.Offload;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>The radio's sending time of one attempt, taken apart as the twin puts latency together.</summary>
public sealed class UplinkTimeTests
{
    [Theory]
    // 180 ms to the answer, of which the worker computed 40 and the round trip is 5: 135 ms on the uplink.
    [InlineData(180, 0.2, 40, 5, 135)]
    // A refusal costs the worker nothing: all but the round trip was the upload.
    [InlineData(60, 0.2, 0, 5, 55)]
    // Never less than the body's write took (a worker that over-reports its compute) ...
    [InlineData(50, 3, 60, 5, 3)]
    // ... and never more than the attempt (before any round trip was measured, and with no compute).
    [InlineData(20, 0.1, 0, 0, 20)]
    public void The_upload_is_the_attempt_less_the_workers_queue_and_compute_and_the_round_trip(
        double attemptMs, double writtenMs, double serverMs, double rttMs, double expected)
    {
        Assert.Equal(expected, UplinkTime.Estimate(attemptMs, writtenMs, serverMs, rttMs), precision: 9);
    }
}
