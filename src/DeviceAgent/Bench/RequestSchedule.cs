using System.Diagnostics;

namespace EdgeControl.DeviceAgent.Bench;

/// <summary>
/// When each benchmark device sends its next request: device by device at a random phase, then every 1/rate seconds,
/// all from one loop with one timer. A timer per device cost the client more than its hub calls with thousands of
/// devices in one process: every firing walks the runtime's timer queue, which then holds thousands of timers.
/// </summary>
internal static class RequestSchedule
{
    /// <summary>How late a request may go out: far below the round trips measured, so it shifts no figure.</summary>
    private static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(1);

    public static async Task RunAsync(IReadOnlyList<BenchDevice> devices, double rate, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var period = (long)(Stopwatch.Frequency / rate);
        var start = Stopwatch.GetTimestamp();
        // A random phase, so a thousand devices do not all send in the same millisecond.
        var due = new PriorityQueue<BenchDevice, long>(devices.Select(d => (d, start + (long)(Random.Shared.NextDouble() * period))));
        using var timer = new PeriodicTimer(Resolution);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = Stopwatch.GetTimestamp();
                while (due.TryPeek(out var device, out var at) && at <= now)
                {
                    due.DequeueEnqueue(device, at + period);
                    device.RequestDue(stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
