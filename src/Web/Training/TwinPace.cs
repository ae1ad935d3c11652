using System.Diagnostics;

namespace EdgeControl.Web.Training;

/// <summary>Holds the twin to a number of steps per second, so a person can watch a run learn (0: unpaced).</summary>
internal sealed class TwinPace(double stepsPerSecond)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _steps;

    /// <summary>Waits until the next step is due, or until <paramref name="stop"/> is cancelled.</summary>
    public void Wait(CancellationToken stop)
    {
        if (stepsPerSecond <= 0)
        {
            return;
        }

        var ahead = TimeSpan.FromSeconds(_steps++ / stepsPerSecond) - _clock.Elapsed;
        if (ahead > TimeSpan.Zero)
        {
            stop.WaitHandle.WaitOne(ahead);
        }
    }
}
