using System.Globalization;

namespace EdgeControl.Core.Threading;

/// <summary>
/// The machine's CPU time (busy and in all, summed over its cores) and the calling thread's, in the kernel's clock
/// ticks, read from Linux's /proc at one moment: two samples give how much of the machine the rest of it used between
/// them. Null where there is no /proc (other systems).
/// </summary>
public readonly record struct CpuSample(long MachineBusy, long MachineTotal, long ThreadTicks)
{
    /// <summary>
    /// Of the machine's CPU time between <paramref name="earlier"/> and this sample, the fraction neither this thread nor
    /// anything else used: what the rest of the machine left idle (1 when no time passed).
    /// </summary>
    public double IdleLeftByOthersSince(CpuSample earlier)
    {
        var total = MachineTotal - earlier.MachineTotal;
        if (total <= 0)
        {
            return 1;
        }

        var others = MachineBusy - earlier.MachineBusy - (ThreadTicks - earlier.ThreadTicks);
        return Math.Clamp(1 - ((double)others / total), 0, 1);
    }

    /// <summary>Reads the machine's and the calling thread's CPU time now; null where /proc is not there to read.</summary>
    public static CpuSample? Now()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            // "cpu  user nice system idle iowait irq softirq steal ...": idle and iowait are the time no one ran.
            var machine = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long total = 0, idle = 0;
            for (var i = 1; i < Math.Min(machine.Length, 9); i++)
            {
                var ticks = long.Parse(machine[i], CultureInfo.InvariantCulture);
                total += ticks;
                idle += i is 4 or 5 ? ticks : 0;
            }

            // "pid (comm) state ...": utime and stime are the 12th and 13th fields after the command's closing parenthesis.
            var stat = File.ReadAllText("/proc/thread-self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var thread = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return new CpuSample(total - idle, total, thread);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
