using EdgeControl.Core.Domain;

namespace EdgeControl.Core.Policies;

/// <summary>The non-learning policies by their command-line names.</summary>
public static class PolicyFactory
{
    public static IReadOnlyList<string> Names { get; } = ["oracle", "random", "local", "edge", "cloud", "greedy", "load-aware"];

    public static IPolicy Create(string name, Scenario scenario, long seed) => name switch
    {
        "oracle" => new OraclePolicy(scenario),
        "random" => new RandomPolicy(scenario, seed),
        "local" => new FixedTierPolicy(scenario, Tier.Device),
        "edge" => new FixedTierPolicy(scenario, Tier.Edge),
        "cloud" => new FixedTierPolicy(scenario, Tier.Cloud),
        "greedy" => new ProfileGreedyPolicy(scenario),
        "load-aware" => new LoadAwarePolicy(scenario),
        _ => throw new ArgumentException($"unknown policy '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };

    /// <summary>The policies that need no learning and exist for this scenario (every tier it has).</summary>
    public static IEnumerable<string> NonLearningFor(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        yield return "local";
        if (scenario.Servers.Any(s => s.Tier == Tier.Edge))
        {
            yield return "edge";
        }

        if (scenario.Servers.Any(s => s.Tier == Tier.Cloud))
        {
            yield return "cloud";
        }

        yield return "greedy";
        yield return "load-aware";
    }
}
