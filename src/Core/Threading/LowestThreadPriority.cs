using System.Runtime.InteropServices;

namespace EdgeControl.Core.Threading;

/// <summary>
/// Puts the calling thread, and only it, at the lowest CPU priority, for work that must give way to the rest of its
/// process and machine: the control plane's learner gives way to serving (a device waiting for its decision has a
/// deadline, learning has none: docs/results/control-plane/bench-hub-3000.txt), and an emulated board's inference
/// gives way to the testbed's edge worker on the core they share (a board is a machine of its own).
/// </summary>
/// <remarks>
/// <see cref="Thread.Priority"/> is ignored by the runtime on Linux, so there the thread's nice value is set with
/// setpriority(2) on its thread id (Linux keeps nice per thread). Raising it needs no privilege, lowering it again
/// does, so this is for a thread that keeps one kind of work for its life. A thread started from it inherits the
/// value: the thread pool starts a new worker on whichever thread queues work while every worker is busy, so a worker
/// started while such a thread hands work over would run at this priority until it retires (after 20 s idle). After a
/// 3,000-device benchmark run every thread pool worker was at nice 0 (read from /proc/PID/task/*/stat).
/// </remarks>
public static class LowestThreadPriority
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
