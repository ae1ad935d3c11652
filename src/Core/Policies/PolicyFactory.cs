using EdgeControl.Core.Domain;

namespace EdgeControl.Core.Policies;

/// <summary>The non-learning policies by their command-line names.</summary>
public static class PolicyFactory
{
    public static IReadOnlyList<string> Names { get; } =
        ["oracle", "random", .. Enum.GetValues<Tier>().Select(FixedTierPolicy.NameFor), "greedy", "load-aware"];

    public static IPolicy Create(string name, Scenario scenario, long seed) => name switch
    {
        "oracle" => new OraclePolicy(scenario),
        "random" => new RandomPolicy(scenario, seed),
        "greedy" => new ProfileGreedyPolicy(scenario),
        "load-aware" => new LoadAwarePolicy(scenario),
        _ when FixedTierPolicy.TryParseName(name, out var tier) => new FixedTierPolicy(scenario, tier),
        _ => throw new ArgumentException($"unknown policy '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };

    /// <summary>The policies that need no learning and exist for this scenario (every tier it has).</summary>
    public static IEnumerable<string> NonLearningFor(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        foreach (var tier in Enum.GetValues<Tier>())
        {
            if (tier == Tier.Device || scenario.Servers.Any(s => s.Tier == tier))
            {
                yield return FixedTierPolicy.NameFor(tier);
            }
        }

        yield return "greedy";
        yield return "load-aware";
    }
}
