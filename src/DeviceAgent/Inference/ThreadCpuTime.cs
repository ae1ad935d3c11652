using System.Runtime.InteropServices;

namespace EdgeControl.DeviceAgent.Inference;

/// <summary>
/// The CPU time the calling thread has used (Linux: <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), or null elsewhere.
/// A forward pass's CPU time is its cost on this core whatever else the core runs, where its wall time also counts
/// the waits for the core that other processes cause.
/// </summary>
internal static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static TimeSpan? Now() =>
        OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var time) == 0
            ? TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100))
            : null;

    // DllImport rather than LibraryImport: one call with a blittable struct needs no marshalling, and the project no unsafe code.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
