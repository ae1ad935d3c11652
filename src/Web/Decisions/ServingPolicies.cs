using EdgeControl.Core.Domain;
using EdgeControl.Core.Policies;

namespace EdgeControl.Web.Decisions;

/// <summary>
/// The policies that can serve devices' decisions: the run's learner, or one of Core's fixed policies by its
/// <see cref="PolicyFactory"/> name (for A/B windows on a live testbed). The oracle and the random policy are not
/// offered: the oracle needs the twin's expectations, the random one is no baseline an operator would serve.
/// </summary>
public static class ServingPolicies
{
    public const string Learned = "learned";

    /// <summary>
    /// The run's learner with its exploration paused: every decision is its greedy choice (probability 1), while the run
    /// goes on learning from every outcome. For the learner's own A/B windows on a live testbed: what it has learned,
    /// measured without the cost of its exploring (scripts/testbed.sh, docs/testbed.md).
    /// </summary>
    public const string LearnedGreedy = "learned-greedy";

    /// <summary>Every name that can be asked for, whatever the scenario.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [Learned, LearnedGreedy, .. Enum.GetValues<Tier>().Select(FixedTierPolicy.NameFor), "greedy", "load-aware"];

    /// <summary>The names that can serve on <paramref name="scenario"/> (a fixed tier needs a server of that tier).</summary>
    public static IReadOnlyList<string> For(Scenario scenario) => [Learned, LearnedGreedy, .. PolicyFactory.NonLearningFor(scenario)];

    /// <summary>Whether <paramref name="name"/> is the run's learner (exploring as its schedule says, or paused).</summary>
    public static bool IsLearner(string name) => name is Learned or LearnedGreedy;
}
