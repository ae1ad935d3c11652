using EdgeControl.Core.Domain;
using EdgeControl.Core.Logging;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Cli.Testbed;

/// <summary>
/// How far the twin's predicted latency is from the measured one, over one group of requests: the median absolute
/// relative error |predicted - measured| / measured, with two sets of server profiles: the workers' own, as in force
/// when each request was decided, and the published ones.
/// </summary>
internal sealed record CalibrationResult(string Group, int Count, double MedianMeasuredMs, double MedianSelfProfiledMs, double SelfProfiledError, double MedianPublishedMs, double PublishedError);

internal static class TwinCalibration
{
    public const string Offloaded = "edge + cloud";

    /// <summary>
    /// When the request was decided, near enough: the device observes the outcome when the answer is back, so its
    /// decision came the measured latency before (plus the decision's own round trip, milliseconds). On the device's
    /// clock, which is the control plane's on the one machine of scripts/testbed.sh.
    /// </summary>
    public static DateTimeOffset DecidedAt(LoggedDecision row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.ObservedAt - TimeSpan.FromMilliseconds(row.LatencyMs);
    }

    /// <summary>
    /// Per tier, then all offloaded requests together: each request with its logged context replayed through
    /// <see cref="Physics.Expected"/> on the scenario <paramref name="selfProfiledAt"/> gives at its
    /// <see cref="DecidedAt"/> (the workers' profiles in force then) and on <paramref name="published"/>. Requests
    /// without a full context, and lost ones (no measured latency of an execution), are left out.
    /// </summary>
    public static IReadOnlyList<CalibrationResult> Compare(IReadOnlyList<ResolvedDecision> requests, Scenario published, Func<DateTimeOffset, Scenario> selfProfiledAt)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(selfProfiledAt);
        var usable = requests.Where(r => r.Context is not null && !r.Lost && r.Row.LatencyMs > 0).ToList();
        var results = new List<CalibrationResult>();
        foreach (var tier in Enum.GetValues<Tier>())
        {
            if (usable.Where(r => r.Tier == tier).ToList() is { Count: > 0 } group)
            {
                results.Add(Calibrate(TierNames.Of(tier), group, published, selfProfiledAt));
            }
        }

        if (usable.Where(r => r.Tier != Tier.Device).ToList() is { Count: > 0 } offloaded)
        {
            results.Add(Calibrate(Offloaded, offloaded, published, selfProfiledAt));
        }

        return results;
    }

    private static CalibrationResult Calibrate(string group, List<ResolvedDecision> requests, Scenario published, Func<DateTimeOffset, Scenario> selfProfiledAt)
    {
        var self = requests.Select(r => Physics.Expected(selfProfiledAt(DecidedAt(r.Row)), r.Context!, r.Placement).LatencyMs).ToList();
        var pub = requests.Select(r => Physics.Expected(published, r.Context!, r.Placement).LatencyMs).ToList();
        var measured = requests.Select(r => r.Row.LatencyMs).ToList();
        return new CalibrationResult(
            group,
            requests.Count,
            Median(measured),
            Median(self),
            Median(measured.Select((m, i) => Math.Abs(self[i] - m) / m)),
            Median(pub),
            Median(measured.Select((m, i) => Math.Abs(pub[i] - m) / m)));
    }

    private static double Median(IEnumerable<double> values) => Bench.Statistics.Median(values);
}
