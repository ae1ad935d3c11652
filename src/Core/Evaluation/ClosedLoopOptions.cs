using EdgeControl.Core.Domain;

namespace EdgeControl.Core.Evaluation;

/// <summary>How long and on how many seeds a closed-loop evaluation runs.</summary>
/// <param name="Seeds">Independent trajectories (seeds derived from the scenario's evaluation seed).</param>
/// <param name="WarmUpRequests">Requests per seed decided by the policy but not scored: the twin starts empty, and the loads a policy leaves behind take a while to build.</param>
/// <param name="RequestsPerSeed">Scored requests per seed after the warm-up.</param>
public sealed record ClosedLoopOptions(int Seeds, int WarmUpRequests, int RequestsPerSeed)
{
    public static ClosedLoopOptions Default { get; } = new(Seeds: 4, WarmUpRequests: 500, RequestsPerSeed: 2000);

    /// <summary>The twin seed of trajectory <paramref name="k"/>; apart from the evaluation set's own seed.</summary>
    public static long SeedOf(Scenario scenario, int k)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.EvaluationSeed * 1_000L + 1 + k;
    }
}
