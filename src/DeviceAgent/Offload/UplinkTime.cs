namespace EdgeControl.DeviceAgent.Offload;

/// <summary>
/// How long one attempt kept the device's radio sending. The body's write completes when the kernel has taken the
/// bytes (<see cref="TimedContent"/>), and the kernel's socket and queueing buffers take a whole 49-150 KB input at
/// once: on a 3 Mbit/s shaped loopback the write took 0.1-4 ms where the upload took about 130 ms. So the upload is
/// taken from the attempt's end-to-end time with the twin's own decomposition (latency = transfer + RTT + the server's
/// queue and compute): the time until the answer, less what the worker says it spent queueing and computing, less the
/// measured round trip to it; never less than the write took, never more than the attempt.
/// </summary>
internal static class UplinkTime
{
    /// <param name="attemptMs">From sending the request to having read the answer.</param>
    /// <param name="writtenMs">How long writing the body took (what the kernel accepted).</param>
    /// <param name="serverMs">The worker's queue and compute time from its answer; 0 for a refusal, which costs it nothing.</param>
    /// <param name="rttMs">The device's measured round trip to the worker, or 0 before one was measured.</param>
    public static double Estimate(double attemptMs, double writtenMs, double serverMs, double rttMs) =>
        Math.Clamp(attemptMs - serverMs - rttMs, Math.Min(writtenMs, attemptMs), attemptMs);
}
