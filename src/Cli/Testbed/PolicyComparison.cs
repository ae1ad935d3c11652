using EdgeControl.Core.Logging;

namespace EdgeControl.Cli.Testbed;

/// <summary>What one serving policy's requests measured in the A/B windows.</summary>
internal sealed record PolicyResult(string Policy, int Count, double MeanReward, double MeanLatencyMs, double P95LatencyMs, double MeanEnergyJ, double MissShare, double LateShare, int Lost);

/// <summary>The A/B comparison: every request decided in an A/B window, by the policy that decided it.</summary>
internal static class PolicyComparison
{
    public const string Learned = "learned";

    /// <summary>
    /// The serving policy scripts/testbed.sh puts in the learner's A/B windows: the run's learner with its exploration
    /// paused (the control plane's <c>learned-greedy</c>). Its requests are the learned policy's, in row <see cref="Learned"/>.
    /// </summary>
    public const string LearnedExplorationPaused = "learned-greedy";

    /// <summary>The learned policy's decisions that were its greedy choice (not exploring), shown beside it when some explored.</summary>
    public const string LearnedGreedy = "learned (greedy decisions)";

    /// <summary>
    /// Each window's requests (by the instant observed) that the window's policy decided, as the decision log's served_by
    /// says (a row that does not say is the window's): a request decided by the previous policy just as its window
    /// ended, or by the next one just before its window began, belongs to neither, because scripts/testbed.sh replays
    /// the same requests in every window and each policy is to be measured on those. The learner's windows, exploring or
    /// paused, are <see cref="Learned"/>. Learned first, then the fixed policies in the windows' order.
    /// </summary>
    public static IReadOnlyList<PolicyResult> Compare(IReadOnlyList<ResolvedDecision> requests, IReadOnlyList<AbWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
        {
            return [];
        }

        var order = windows.Select(w => RowOf(w.Policy)).Prepend(Learned).Distinct().ToList();
        var groups = Attribute(requests, windows)
            .GroupBy(x => RowOf(x.Window.Policy), x => x.Request)
            .ToDictionary(g => g.Key, g => g.ToList());
        var results = new List<PolicyResult>();
        foreach (var policy in order.Concat(groups.Keys.Except(order).Order(StringComparer.Ordinal)))
        {
            if (!groups.TryGetValue(policy, out var group))
            {
                continue;
            }

            results.Add(Summarise(policy, group));
            if (policy == Learned && group.Where(r => r.Greedy).ToList() is { Count: > 0 } greedy && greedy.Count < group.Count)
            {
                results.Add(Summarise(LearnedGreedy, greedy));
            }
        }

        return results;
    }

    /// <summary>
    /// Each request with the window it was observed in, if the window's policy decided it (<see cref="Compare"/> says why
    /// the others are left out).
    /// </summary>
    public static IEnumerable<(AbWindow Window, ResolvedDecision Request)> Attribute(IReadOnlyList<ResolvedDecision> requests, IReadOnlyList<AbWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(windows);
        foreach (var request in requests)
        {
            if (windows.FirstOrDefault(w => w.Contains(request.Row.ObservedAt)) is { } window
                && (request.Row.ServedBy is null || RowOf(request.Row.ServedBy) == RowOf(window.Policy)))
            {
                yield return (window, request);
            }
        }
    }

    /// <summary>The row a serving policy's requests go to: the learner's, exploring or not, is <see cref="Learned"/>.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(servedBy))]
    public static string? RowOf(string? servedBy) => servedBy == LearnedExplorationPaused ? Learned : servedBy;

    /// <summary>The fixed policy with the highest mean reward, if any fixed policy served.</summary>
    public static PolicyResult? BestFixed(IReadOnlyList<PolicyResult> results) =>
        results.Where(r => r.Policy is not Learned and not LearnedGreedy).MaxBy(r => r.MeanReward);

    private static PolicyResult Summarise(string policy, List<ResolvedDecision> group)
    {
        var latencies = group.Select(r => r.Row.LatencyMs).Order().ToArray();
        var p95 = latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(0.95 * latencies.Length) - 1)];
        return new PolicyResult(
            policy,
            group.Count,
            group.Average(r => r.Reward),
            latencies.Average(),
            p95,
            group.Average(r => r.Row.EnergyJ),
            group.Count(r => r.Misses) / (double)group.Count,
            group.Count(r => r.Late) / (double)group.Count,
            group.Count(r => r.Lost));
    }
}
