using System.Globalization;

namespace EdgeControl.Cli.Terminal;

/// <summary>
/// Progress as plain lines, each stamped with the elapsed time: the lines <c>bench convergence</c> has always printed
/// (<c>[1:23] 4/12 done, 2 running | hl seed 3: ...</c>), so logs and the tests that read them stay as they are.
/// </summary>
internal sealed class ProgressLines(TextWriter output, TimeSpan quietFor, TimeProvider clock) : ProgressDisplay
{
    private readonly long _start = clock.GetTimestamp();
    private readonly Lock _lock = new();
    private TimeSpan _lastWrite;
    private int _done;
    private int _total;

    public override void Planned(int items)
    {
        lock (_lock)
        {
            _total += items;
        }
    }

    public override void Note(string message)
    {
        lock (_lock)
        {
            Write(message);
        }
    }

    public override void Completed(string result, int running)
    {
        lock (_lock)
        {
            _done++;
            Write(string.Create(CultureInfo.InvariantCulture, $"{_done}/{_total} done, {running} running | {result}"));
        }
    }

    public override void Running(string status)
    {
        lock (_lock)
        {
            if (Elapsed - _lastWrite >= quietFor)
            {
                Write(string.Create(CultureInfo.InvariantCulture, $"{_done}/{_total} done | running: {status}"));
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
    }

    private TimeSpan Elapsed => clock.GetElapsedTime(_start);

    private void Write(string message)
    {
        var elapsed = Elapsed;
        _lastWrite = elapsed;
        var stamp = elapsed.TotalHours >= 1
            ? elapsed.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : elapsed.ToString(@"m\:ss", CultureInfo.InvariantCulture);
        output.WriteLine($"[{stamp}] {message}");
    }
}
