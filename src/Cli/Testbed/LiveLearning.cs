using EdgeControl.Core.Logging;

namespace EdgeControl.Cli.Testbed;

/// <summary>One point of the live learning curve: after <paramref name="Requests"/> real requests, the mean reward of the last ones.</summary>
internal sealed record LearningPoint(double Seconds, int Requests, double RollingReward, double RollingLatencyMs, double LocalShare, double ExploringShare);

/// <summary>How the learner did while it learned in live mode: real requests and the rolling mean reward over time.</summary>
internal static class LiveLearning
{
    /// <summary>
    /// About <paramref name="points"/> evenly spaced points over <paramref name="requests"/> (in observation order),
    /// each the mean over the last <paramref name="window"/> requests (fewer at the start).
    /// </summary>
    public static IReadOnlyList<LearningPoint> Curve(IReadOnlyList<ResolvedDecision> requests, int window, int points)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        if (requests.Count == 0)
        {
            return [];
        }

        var start = requests[0].Row.ObservedAt;
        var step = Math.Max(1, (int)Math.Ceiling(requests.Count / (double)points));
        var curve = new List<LearningPoint>();
        for (var end = step; ; end += step)
        {
            end = Math.Min(end, requests.Count);
            var last = requests.Skip(Math.Max(0, end - window)).Take(Math.Min(window, end)).ToList();
            curve.Add(new LearningPoint(
                (requests[end - 1].Row.ObservedAt - start).TotalSeconds,
                end,
                last.Average(r => r.Reward),
                last.Average(r => r.Row.LatencyMs),
                last.Count(r => r.Tier == Core.Domain.Tier.Device) / (double)last.Count,
                last.Count(r => !r.Greedy) / (double)last.Count));
            if (end == requests.Count)
            {
                return curve;
            }
        }
    }
}
