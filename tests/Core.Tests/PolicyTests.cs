using EdgeControl.Core.Catalog;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>The non-learning policies: oracle, fixed tiers, the profile-greedy heuristic and random.</summary>
public class PolicyTests
{
    private static readonly Scenario Scenario = TestScenarios.Valid(); // users[0] rpi4 + wifi, users[1] rpi3 + lte
    private static readonly ActionSpace Actions = new(Scenario);

    [Fact]
    public void The_oracle_picks_the_action_with_the_best_expected_reward()
    {
        var oracle = new OraclePolicy(Scenario);
        foreach (var request in Trajectories.Observations(Scenario, seed: 1, steps: 300, _ => 0))
        {
            var best = Enumerable.Range(0, Actions.Count).Max(a => ExpectedRewards.Of(Scenario, request, Actions.Decode(a)));
            Assert.Equal(best, ExpectedRewards.Of(Scenario, request, Actions.Decode(oracle.Decide(request))));
        }
    }

    [Fact]
    public void Oracle_picks_edge_when_uplink_is_fast_and_device_is_slow()
    {
        var request = Requests.Idle(Scenario, user: 1) with { UplinkMbps = 100, RttEdgeMs = 2, RttCloudMs = 40 }; // rpi3: 2.3 GMAC/s

        var action = Actions.Decode(new OraclePolicy(Scenario).Decide(request));

        Assert.Equal(Tier.Edge, Scenario.Servers[action.Server].Tier);
        Assert.True(Scenario.Catalog[action.Variant].Top1 >= request.AccuracyRequirement);
    }

    [Fact]
    public void Oracle_keeps_work_local_when_the_uplink_is_very_slow()
    {
        var request = Requests.Idle(Scenario, user: 0) with { UplinkMbps = 0.5, RttEdgeMs = 50, RttCloudMs = 150 };

        var action = Actions.Decode(new OraclePolicy(Scenario).Decide(request));

        Assert.True(action.IsLocal);
        Assert.True(Scenario.Catalog[action.Variant].Top1 >= request.AccuracyRequirement);
    }

    [Fact]
    public void Oracle_moves_off_a_congested_edge()
    {
        var request = Requests.Idle(Scenario, user: 1) with { UplinkMbps = 100, RttEdgeMs = 2, RttCloudMs = 40 };
        var congested = request.WithServerLoad(0, 40);

        var action = Actions.Decode(new OraclePolicy(Scenario).Decide(congested));

        Assert.NotEqual(Tier.Edge, action.IsLocal ? Tier.Device : Scenario.Servers[action.Server].Tier);
    }

    [Fact]
    public void The_oracle_takes_a_less_accurate_variant_only_when_the_penalty_is_worth_paying()
    {
        var strict = TestScenarios.Load(("reward.accuracyPenalty", "1000"));
        var lax = TestScenarios.Load(("reward.accuracyPenalty", "0"));
        var request = Requests.Idle(strict, user: 1);

        var strictChoice = strict.Catalog[new ActionSpace(strict).Decode(new OraclePolicy(strict).Decide(request)).Variant];
        var laxChoice = lax.Catalog[new ActionSpace(lax).Decode(new OraclePolicy(lax).Decide(request)).Variant];

        Assert.True(strictChoice.Top1 >= request.AccuracyRequirement);
        Assert.True(laxChoice.Top1 < request.AccuracyRequirement);
    }

    [Theory]
    [InlineData(0.0, "mobilenet_v1_0.25_128")]
    [InlineData(0.45, "mobilenet_v1_0.25_160")]
    [InlineData(0.65, "mobilenet_v1_0.75_160")]
    [InlineData(0.68, "mobilenet_v1_1.0_160")] // exactly 68.0%: meeting the requirement includes equality
    [InlineData(0.709, "mobilenet_v1_1.0_224")]
    [InlineData(0.8, "mobilenet_v1_1.0_224")]
    public void The_cheapest_variant_meeting_a_requirement_else_the_most_accurate(double requirement, string expected)
    {
        var catalog = PublishedFigures.MobileNetV1;

        Assert.Equal(expected, catalog[VariantChoice.CheapestMeeting(catalog, requirement)].Name);
    }

    [Theory]
    [InlineData("local", Tier.Device)]
    [InlineData("edge", Tier.Edge)]
    [InlineData("cloud", Tier.Cloud)]
    public void A_fixed_tier_policy_always_uses_its_tier_with_the_cheapest_sufficient_variant(string name, Tier tier)
    {
        var policy = PolicyFactory.Create(name, Scenario, seed: 1);

        Assert.Equal(name, policy.Name);
        foreach (var request in Trajectories.Observations(Scenario, seed: 2, steps: 200, o => o.User))
        {
            var action = Actions.Decode(policy.Decide(request));
            Assert.Equal(tier, action.IsLocal ? Tier.Device : Scenario.Servers[action.Server].Tier);
            Assert.Equal(VariantChoice.CheapestMeeting(Scenario.Catalog, request.AccuracyRequirement), action.Variant);
        }
    }

    [Fact]
    public void A_fixed_tier_policy_takes_the_least_loaded_server_of_its_tier()
    {
        var scenario = TestScenarios.Load(("servers[1]", """{ "name": "edge-2", "profile": "edge-cpu" }"""));
        var edge = new FixedTierPolicy(scenario, Tier.Edge);
        var request = Requests.Idle(scenario);

        Assert.Equal(2, new ActionSpace(scenario).Decode(edge.Decide(request.WithServerLoad(0, 3).WithServerLoad(1, 1))).Target);
        Assert.Equal(1, new ActionSpace(scenario).Decode(edge.Decide(request.WithServerLoad(0, 1).WithServerLoad(1, 3))).Target);
    }

    [Fact]
    public void A_fixed_tier_policy_needs_a_server_of_its_tier()
    {
        var edgeOnly = TestScenarios.Load(("servers", """[ { "name": "edge-1", "profile": "edge-cpu" } ]"""));

        var error = Assert.Throws<ArgumentException>(() => new FixedTierPolicy(edgeOnly, Tier.Cloud));

        Assert.Contains("no cloud server", error.Message, StringComparison.Ordinal);
        Assert.Equal(["local", "edge", "greedy", "load-aware"], PolicyFactory.NonLearningFor(edgeOnly));
    }

    [Fact]
    public void The_greedy_heuristic_is_the_oracle_of_an_idle_network()
    {
        var greedy = new ProfileGreedyPolicy(Scenario);
        var oracle = new OraclePolicy(Scenario);

        foreach (var request in Trajectories.Observations(Scenario, seed: 3, steps: 300, o => 16 + (o.User * 7)))
        {
            var idle = request with { LocalLoad = 0, ServerLoads = new int[request.ServerLoads.Length] };
            Assert.Equal(oracle.Decide(idle), greedy.Decide(request));
        }
    }

    [Fact]
    public void The_greedy_heuristic_does_not_see_contention()
    {
        var greedy = new ProfileGreedyPolicy(Scenario);
        var request = Requests.Idle(Scenario, user: 1) with { UplinkMbps = 100, RttEdgeMs = 2, RttCloudMs = 40 };

        Assert.Equal(greedy.Decide(request), greedy.Decide(request.WithServerLoad(0, 40) with { LocalLoad = 5 }));
    }

    [Fact]
    public void The_load_aware_heuristic_leaves_a_busy_server_for_the_next_fastest_node()
    {
        var loadAware = new LoadAwarePolicy(Scenario);
        var request = Requests.Idle(Scenario, user: 1) with { UplinkMbps = 100, RttEdgeMs = 2, RttCloudMs = 40 };
        var idleChoice = Actions.Decode(loadAware.Decide(request));
        Assert.False(idleChoice.IsLocal, "with a fast uplink and idle servers some server is faster than the device");

        var busy = Actions.Decode(loadAware.Decide(request.WithServerLoad(idleChoice.Server, 200)));

        Assert.NotEqual(idleChoice.Target, busy.Target);
        Assert.Equal(VariantChoice.CheapestMeeting(Scenario.Catalog, request.AccuracyRequirement), busy.Variant);
    }

    [Fact]
    public void The_random_policy_uses_the_whole_action_space_and_replays_from_its_seed()
    {
        var request = Requests.Idle(Scenario);
        var first = new RandomPolicy(Scenario, seed: 7);
        var second = new RandomPolicy(Scenario, seed: 7);

        var choices = Enumerable.Range(0, 5000).Select(_ => first.Decide(request)).ToList();

        Assert.Equal(choices, Enumerable.Range(0, 5000).Select(_ => second.Decide(request)));
        Assert.Equal(Enumerable.Range(0, Actions.Count), choices.Distinct().Order());
    }

    [Fact]
    public void The_factory_knows_every_policy_by_its_name_and_rejects_others()
    {
        Assert.All(PolicyFactory.Names, name => Assert.Equal(name, PolicyFactory.Create(name, Scenario, 1).Name));

        var error = Assert.Throws<ArgumentException>(() => PolicyFactory.Create("psychic", Scenario, 1));
        Assert.Contains("unknown policy 'psychic'", error.Message, StringComparison.Ordinal);
    }
}
