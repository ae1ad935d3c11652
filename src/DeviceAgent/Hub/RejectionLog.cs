using System.Globalization;

namespace EdgeControl.DeviceAgent.Hub;

/// <summary>
/// Logs the reasons of the first few outcomes the server rejects and then only counts them: a device reporting a
/// poison outcome every second must not flood its log, but the first reasons are what an operator needs to see.
/// </summary>
internal sealed class RejectionLog(TextWriter log, int reasonsLogged = 5)
{
    private long _rejected;

    public void Note(long sequence, string reason)
    {
        var count = Interlocked.Increment(ref _rejected);
        if (count <= reasonsLogged)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the server rejected outcome {sequence}: {reason}"));
        }

        if (count == reasonsLogged)
        {
            log.WriteLine("further rejected outcomes are counted, not logged (see the progress line and --stats)");
        }
    }
}
