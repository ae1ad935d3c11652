using System.Globalization;

namespace EdgeControl.Cli.Plots;

/// <summary>A base-10 logarithmic axis from the decade at or below the smallest value to the one at or above the largest.</summary>
internal sealed class LogAxis
{
    private readonly double _from;
    private readonly double _to;
    private readonly int _firstDecade;
    private readonly int _lastDecade;

    public LogAxis(double smallest, double largest, double from, double to)
    {
        _firstDecade = (int)Math.Floor(Math.Log10(Math.Max(smallest, 1)));
        _lastDecade = Math.Max(_firstDecade + 1, (int)Math.Ceiling(Math.Log10(Math.Max(largest, 1))));
        _from = from;
        _to = to;
    }

    public double Min => Math.Pow(10, _firstDecade);

    public double At(double value) =>
        _from + (Math.Log10(Math.Max(value, Min)) - _firstDecade) / (_lastDecade - _firstDecade) * (_to - _from);

    public IEnumerable<double> Decades() => Enumerable.Range(_firstDecade, _lastDecade - _firstDecade + 1).Select(k => Math.Pow(10, k));

    public IEnumerable<double> MinorTicks() =>
        Enumerable.Range(_firstDecade, _lastDecade - _firstDecade).SelectMany(k => Enumerable.Range(2, 8).Select(m => m * Math.Pow(10, k)));

    /// <summary>1, 10, 100, 1k, 10k, 100k, 1M, ...</summary>
    public static string Label(double decade) => decade switch
    {
        >= 1e9 => (decade / 1e9).ToString("0", CultureInfo.InvariantCulture) + "G",
        >= 1e6 => (decade / 1e6).ToString("0", CultureInfo.InvariantCulture) + "M",
        >= 1e3 => (decade / 1e3).ToString("0", CultureInfo.InvariantCulture) + "k",
        _ => decade.ToString("0", CultureInfo.InvariantCulture),
    };
}
