using System.Runtime.InteropServices;

namespace EdgeControl.Web.Training;

/// <summary>
/// Serving wins over learning: the learning thread runs at the lowest CPU priority, so on a busy machine the device
/// hub, Kestrel and the database take the processors first and the learner gets what they leave (all of a core when
/// the fleet is quiet). Learning has no deadline; a device waiting for its decision has one. Without this, a learner
/// that always has device outcomes to absorb holds one of two cores for itself, and with 3,000 devices the hub's
/// round trips queued for seconds (docs/results/control-plane/bench-hub-3000.txt).
/// </summary>
/// <remarks>
/// <see cref="Thread.Priority"/> is ignored by the runtime on Linux, so there the thread's nice value is set with
/// setpriority(2) on its thread id (Linux keeps nice per thread). Raising it needs no privilege, lowering it again
/// does, so this is for the one thread that learns. A thread started from it inherits the value: the thread pool
/// starts a new worker on whichever thread queues work while every worker is busy, so a worker started while the
/// learner hands over a write or an update would run at this priority until it retires (after 20 s idle). After a
/// 3,000-device benchmark run every thread pool worker was at nice 0 (read from /proc/PID/task/*/stat).
/// </remarks>
internal static class LearningThreadPriority
{
    /// <summary>The lowest priority Linux has (nice 19): about 1.5% of a core against one busy thread at nice 0.</summary>
    public const int Nice = 19;

    private const int PrioProcess = 0;

    /// <summary>Lowers the calling thread's priority for the rest of its life; false when the system refused.</summary>
    public static bool LowerCurrentThread()
    {
        if (OperatingSystem.IsLinux())
        {
            return SetPriority(PrioProcess, GetThreadId(), Nice) == 0;
        }

        Thread.CurrentThread.Priority = ThreadPriority.Lowest;
        return true;
    }

    // DllImport rather than LibraryImport: two int-only calls need no marshalling, and the project no unsafe code.
    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
