using System.Globalization;

namespace EdgeControl.DeviceAgent.Bench;

/// <summary>Round-trip times of one benchmark window, for counts and percentiles.</summary>
internal sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly List<double> _milliseconds = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _milliseconds.Count;
            }
        }
    }

    public void Add(double milliseconds)
    {
        lock (_lock)
        {
            _milliseconds.Add(milliseconds);
        }
    }

    /// <summary>Writes every recorded time (ms, one a line, invariant culture) to <paramref name="path"/>.</summary>
    public async Task WriteToAsync(string path, CancellationToken stop)
    {
        double[] all;
        lock (_lock)
        {
            all = [.. _milliseconds];
        }

        await File.WriteAllLinesAsync(path, all.Select(ms => ms.ToString("R", CultureInfo.InvariantCulture)), stop);
    }

    /// <summary>The nearest-rank percentile (0-100) of the recorded times; NaN when none.</summary>
    public double Percentile(double percent)
    {
        double[] sorted;
        lock (_lock)
        {
            sorted = [.. _milliseconds];
        }

        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
