using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>The one argmax over expected rewards that the oracle, its regret, the greedy heuristic and the evaluation set share.</summary>
public class ExpectedRewardsTests
{
    [Fact]
    public void Best_is_the_action_whose_expected_reward_is_highest_and_fills_every_actions_reward()
    {
        var scenario = TestScenarios.Valid();
        var actions = new ActionSpace(scenario);
        var rewards = new double[actions.Count];
        foreach (var request in Trajectories.Observations(scenario, seed: 4, steps: 200, a => a.User * 17 % actions.Count))
        {
            var best = ExpectedRewards.Best(scenario, request, rewards);

            Assert.Equal(Enumerable.Range(0, actions.Count).Select(a => ExpectedRewards.Of(scenario, request, actions.Decode(a))), rewards);
            Assert.Equal(rewards.Max(), rewards[best]);
            Assert.Equal(best, ExpectedRewards.Best(scenario, request, out var bestReward));
            Assert.Equal(rewards[best], bestReward);
        }
    }

    [Fact]
    public void Among_equally_good_actions_the_lowest_index_wins()
    {
        // Two identical idle edge servers: every variant is worth the same on either.
        var scenario = TestScenarios.Load(("servers[1]", """{ "name": "edge-2", "profile": "edge-cpu" }"""));
        var actions = new ActionSpace(scenario);
        var request = Requests.Idle(scenario, user: 1) with { UplinkMbps = 100, RttEdgeMs = 2 }; // rpi3: offloading pays

        var best = actions.Decode(ExpectedRewards.Best(scenario, request));

        Assert.Equal(1, best.Target);
        Assert.Equal(ExpectedRewards.Of(scenario, request, best), ExpectedRewards.Of(scenario, request, best with { Target = 2 }));
    }

    [Fact]
    public void The_regret_of_the_oracles_choice_is_zero_and_of_any_other_the_reward_it_gives_up()
    {
        var scenario = TestScenarios.Valid();
        var actions = new ActionSpace(scenario);
        var request = Requests.Idle(scenario).WithServerLoad(0, 3);
        var best = ExpectedRewards.Best(scenario, request, out var bestReward);

        Assert.Equal(0.0, OraclePolicy.Regret(scenario, request, best));
        Assert.All(Enumerable.Range(0, actions.Count), a =>
            Assert.Equal(bestReward - ExpectedRewards.Of(scenario, request, actions.Decode(a)), OraclePolicy.Regret(scenario, request, a)));
    }

    [Fact]
    public void The_oracle_and_its_regret_allocate_nothing_per_request()
    {
        // Both run for every step a trainer scores; the twin's own observations are the only garbage a step may make.
        // The runtime allocates once in a while on its own (tiered JIT promoting a hot method), so the promise is
        // checked as "some round of 100 requests allocates nothing": a per-request allocation shows in every round.
        var scenario = CityScenario.Scenario;
        var oracle = new OraclePolicy(scenario);
        var request = Requests.Idle(scenario).WithServerLoad(3, 2);
        var sink = 0.0;
        var fewestBytes = long.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
            {
                sink += oracle.Decide(request) + OraclePolicy.Regret(scenario, request, i);
            }

            fewestBytes = Math.Min(fewestBytes, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, fewestBytes);
        Assert.True(double.IsFinite(sink));
    }

    [Fact]
    public void A_buffer_too_small_for_every_action_is_refused()
    {
        var scenario = TestScenarios.Valid();

        Assert.Throws<ArgumentException>(() => ExpectedRewards.Best(scenario, Requests.Idle(scenario), new double[3]));
    }
}
