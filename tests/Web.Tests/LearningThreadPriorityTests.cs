using EdgeControl.Web.Training;

namespace EdgeControl.Web.Tests;

/// <summary>Serving wins over learning: the learning thread gives way to every other thread of the process, and only it does.</summary>
public sealed class LearningThreadPriorityTests
{
    [Fact]
    public void The_learning_thread_runs_at_the_lowest_priority_and_the_rest_of_the_process_does_not()
    {
        var callerBefore = CurrentPriority();
        var learner = -1;
        var lowered = false;
        var thread = new Thread(() =>
        {
            lowered = LearningThreadPriority.LowerCurrentThread();
            learner = CurrentPriority();
        });

        thread.Start();
        thread.Join();

        Assert.True(lowered);
        Assert.Equal(OperatingSystem.IsLinux() ? LearningThreadPriority.Nice : (int)ThreadPriority.Lowest, learner);
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
