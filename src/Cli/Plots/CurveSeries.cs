using EdgeControl.Cli.Bench;

namespace EdgeControl.Cli.Plots;

/// <summary>One agent's learning curve in one panel: the median and min-max of its seeds at each number of real interactions.</summary>
/// <param name="MedianTo95">Median real interactions until the seeds held 0.95, marked on the curve; null when some seed's cap makes it a lower bound.</param>
internal sealed record CurveSeries(string Agent, string Setting, IReadOnlyList<BandPoint> Points, double? MedianTo95);
