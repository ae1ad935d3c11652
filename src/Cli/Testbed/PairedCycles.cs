using EdgeControl.Core.Logging;

namespace EdgeControl.Cli.Testbed;

/// <summary>One A/B cycle's mean rewards of the learned policy and of the fixed policy it is compared with.</summary>
internal sealed record CycleDifference(int Cycle, double Learned, double Fixed)
{
    public double Difference => Learned - Fixed;
}

/// <summary>
/// Learned minus one fixed policy, cycle by cycle, with the mean difference and its 95% confidence interval (Student's
/// t over the cycles). Why cycles: requests within one window share that window's load of the machine, so they are not
/// independent draws; each cycle's two windows replay the same requests on nearly the same machine, and the cycles'
/// differences are the independent measurements. A learner that makes the fixed policy's own choices differs from it
/// by noise alone, and one cycle cannot tell that from a real difference.
/// </summary>
internal sealed record PairedCycles(string FixedPolicy, IReadOnlyList<CycleDifference> Cycles, double MeanDifference, double HalfWidth95)
{
    // Student's t, two-sided 95% (the 0.975 quantile), for 1-30 degrees of freedom; the normal's beyond.
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    public double Low => MeanDifference - HalfWidth95;

    public double High => MeanDifference + HalfWidth95;

    /// <summary>
    /// The windows in order, in cycles of one window per policy (as scripts/testbed.sh writes them), and in each cycle
    /// the learned policy's and <paramref name="fixedPolicy"/>'s mean reward over the requests each decided
    /// (<see cref="PolicyComparison.Attribute"/>). Null with fewer than two cycles in which both served: no spread to
    /// measure, and so no interval.
    /// </summary>
    public static PairedCycles? Compare(IReadOnlyList<ResolvedDecision> requests, IReadOnlyList<AbWindow> windows, string fixedPolicy)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var ordered = windows.OrderBy(w => w.Start).ToList();
        var perCycle = ordered.Select(w => PolicyComparison.RowOf(w.Policy)).Distinct().Count();
        if (perCycle == 0)
        {
            return null;
        }

        var attributed = PolicyComparison.Attribute(requests, ordered).ToLookup(x => x.Window, x => x.Request);
        var cycles = new List<CycleDifference>();
        foreach (var (cycle, index) in ordered.Chunk(perCycle).Select((c, i) => (c, i + 1)))
        {
            var learned = cycle.SelectMany(w => PolicyComparison.RowOf(w.Policy) == PolicyComparison.Learned ? attributed[w] : []).ToList();
            var fixedRequests = cycle.SelectMany(w => w.Policy == fixedPolicy ? attributed[w] : []).ToList();
            if (learned.Count > 0 && fixedRequests.Count > 0)
            {
                cycles.Add(new CycleDifference(index, learned.Average(r => r.Reward), fixedRequests.Average(r => r.Reward)));
            }
        }

        if (cycles.Count < 2)
        {
            return null;
        }

        var n = cycles.Count;
        var mean = cycles.Average(c => c.Difference);
        var sd = Math.Sqrt(cycles.Sum(c => (c.Difference - mean) * (c.Difference - mean)) / (n - 1));
        var t = n - 1 <= T975.Length ? T975[n - 2] : 1.96;
        return new PairedCycles(fixedPolicy, cycles, mean, t * sd / Math.Sqrt(n));
    }
}
