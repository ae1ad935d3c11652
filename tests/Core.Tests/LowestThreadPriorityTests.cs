using EdgeControl.Core.Threading;

namespace EdgeControl.Core.Tests;

/// <summary>A thread that gives way (the learner, an emulated board's inference) gives way to every other thread of the process, and only it does.</summary>
public sealed class LowestThreadPriorityTests
{
    [Fact]
    public void A_lowered_thread_runs_at_the_lowest_priority_and_the_rest_of_the_process_does_not()
    {
        var callerBefore = CurrentPriority();
        var lowest = -1;
        var lowered = false;
        var thread = new Thread(() =>
        {
            lowered = LowestThreadPriority.LowerCurrentThread();
            lowest = CurrentPriority();
        });

        thread.Start();
        thread.Join();

        Assert.True(lowered);
        Assert.Equal(OperatingSystem.IsLinux() ? LowestThreadPriority.Nice : (int)ThreadPriority.Lowest, lowest);
        Assert.Equal(callerBefore, CurrentPriority());
    }

    /// <summary>The calling thread's nice value on Linux (what the scheduler uses), its .NET priority elsewhere.</summary>
    private static int CurrentPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (int)Thread.CurrentThread.Priority;
        }

        // /proc/thread-self/stat: "pid (comm) state ..."; nice is the 17th field after the command's closing parenthesis.
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
