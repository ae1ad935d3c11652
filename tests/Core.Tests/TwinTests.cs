using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>The digital twin as an environment: determinism, arrivals, contention, and its contract.</summary>
public class TwinTests
{
    private static Scenario Shipped => ShippedScenario.Scenario;

    [Fact]
    public void The_same_seed_gives_the_same_trajectory()
    {
        var first = Trajectories.Record(Shipped, seed: 11, steps: 1000, actionSeed: 3);
        var second = Trajectories.Record(Shipped, seed: 11, steps: 1000, actionSeed: 3);

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_different_seed_gives_a_different_trajectory()
    {
        var first = Trajectories.Record(Shipped, seed: 11, steps: 1000, actionSeed: 3);
        var other = Trajectories.Record(Shipped, seed: 12, steps: 1000, actionSeed: 3);

        Assert.NotEqual(first[0], other[0]);
        Assert.True(first.Zip(other).Count(p => p.First == p.Second) < 10, "trajectories of different seeds mostly coincide");
    }

    [Fact]
    public void Reset_empties_every_node_and_replays_the_seed_on_the_same_twin()
    {
        var twin = new EdgeCloudTwin(Shipped);
        var actions = new Xoshiro256(3);
        var firstRun = new List<double>();
        twin.Reset(11);
        for (var i = 0; i < 500; i++)
        {
            firstRun.Add(twin.Step(actions.NextInt(twin.Actions.Count)).Reward);
        }

        actions = new Xoshiro256(3);
        twin.Reset(11);
        var secondRun = Enumerable.Range(0, 500).Select(_ => twin.Step(actions.NextInt(twin.Actions.Count)).Reward).ToList();

        Assert.Equal(firstRun, secondRun);
    }

    [Fact]
    public void Sending_every_request_to_the_edge_raises_the_edge_load_later_requests_see()
    {
        var edge = Enumerable.Range(0, Shipped.Servers.Count).First(s => Shipped.Servers[s].Tier == Tier.Edge);
        var actions = new ActionSpace(Shipped);
        var toEdge = actions.Encode(new PlacementAction(edge + 1, 0));
        var toDevice = actions.Encode(new PlacementAction(PlacementAction.Local, 0));

        var allEdge = Trajectories.Observations(Shipped, seed: 5, steps: 2000, _ => toEdge).Skip(100).Average(o => o.ServerLoads[edge]);
        var allLocal = Trajectories.Observations(Shipped, seed: 5, steps: 2000, _ => toDevice).Skip(100).Average(o => o.ServerLoads[edge]);

        Assert.True(allEdge > allLocal + 0.5, $"mean edge load {allEdge:0.00} when everything goes to the edge, {allLocal:0.00} when everything stays local");
    }

    [Fact]
    public void Keeping_every_request_local_raises_the_device_load_later_requests_see()
    {
        var actions = new ActionSpace(Shipped);
        var toDevice = actions.Encode(new PlacementAction(PlacementAction.Local, 0));
        var toCloud = actions.Encode(new PlacementAction(Shipped.Servers.Count, 0));

        var allLocal = Trajectories.Observations(Shipped, seed: 5, steps: 2000, _ => toDevice).Skip(100).Average(o => o.LocalLoad);
        var allOffloaded = Trajectories.Observations(Shipped, seed: 5, steps: 2000, _ => toCloud).Skip(100).Average(o => o.LocalLoad);

        Assert.Equal(0.0, allOffloaded);
        Assert.True(allLocal > 0.1, $"mean local load {allLocal:0.00} when everything runs on the device");
    }

    [Fact]
    public void With_only_background_load_a_server_shows_its_mean_background_load()
    {
        var scenario = TestScenarios.Load(("servers[1].backgroundLoad", "3"));
        var local = new ActionSpace(scenario).Encode(new PlacementAction(PlacementAction.Local, 15));

        var observations = Trajectories.Observations(scenario, seed: 1, steps: 20_000, _ => local);

        Assert.All(observations, o => Assert.Equal(0, o.ServerLoads[0]));
        Assert.InRange(observations.Average(o => o.ServerLoads[1]), 2.9, 3.1);
    }

    [Fact]
    public void Requests_arrive_at_each_users_rate()
    {
        var scenario = TestScenarios.Valid(); // camera 4 /s, sensor 2 /s
        var local = new ActionSpace(scenario).Encode(new PlacementAction(PlacementAction.Local, 15));

        var observations = Trajectories.Observations(scenario, seed: 2, steps: 30_000, _ => local);
        var elapsed = observations[^1].TimeSeconds;

        Assert.True(observations.Zip(observations.Skip(1)).All(p => p.Second.TimeSeconds >= p.First.TimeSeconds), "time runs backwards");
        Assert.InRange(observations.Count(o => o.User == 0) / elapsed, 3.8, 4.2);
        Assert.InRange(observations.Count(o => o.User == 1) / elapsed, 1.9, 2.1);
    }

    [Fact]
    public void An_observation_carries_its_users_needs_and_current_network()
    {
        var scenario = TestScenarios.Valid();

        foreach (var o in Trajectories.Observations(scenario, seed: 4, steps: 500, o => o.User))
        {
            var user = scenario.Users[o.User];
            var condition = scenario.Conditions[o.NetworkCondition];
            Assert.Equal((user.AccuracyRequirement, user.SloMs, user.EnergyWeight, user.DeviceClass), (o.AccuracyRequirement, o.SloMs, o.EnergyWeight, o.DeviceClass));
            Assert.Equal((condition.UplinkMbps, condition.RttEdgeMs, condition.RttCloudMs), (o.UplinkMbps, o.RttEdgeMs, o.RttCloudMs));
        }
    }

    [Fact]
    public void A_markov_user_spends_the_chains_stationary_share_of_time_in_each_condition()
    {
        var scenario = TestScenarios.Valid(); // camera: regular->weak 0.1, weak->regular 0.2: weak one third of the time

        var camera = Trajectories.Observations(scenario, seed: 8, steps: 30_000, _ => 0).Where(o => o.User == 0).ToList();

        Assert.InRange(camera.Count(o => o.NetworkCondition == 1) / (double)camera.Count, 0.29, 0.38);
    }

    [Fact]
    public void A_markov_user_starts_in_its_initial_condition()
    {
        var scenario = TestScenarios.Load(("users[0].network", """{ "initial": "weak" }"""), ("users[1].network", """{ "initial": "regular" }"""));

        var observations = Trajectories.Observations(scenario, seed: 8, steps: 300, _ => 0);

        Assert.All(observations, o => Assert.Equal(o.User == 0 ? 1 : 0, o.NetworkCondition));
    }

    [Fact]
    public void Without_noise_the_twin_reports_the_expected_outcome()
    {
        var scenario = TestScenarios.Valid();
        var twin = new EdgeCloudTwin(scenario);
        var request = twin.Reset(6);
        for (var a = 0; a < 5 * twin.Actions.Count; a++)
        {
            var action = twin.Actions.Decode(a % twin.Actions.Count);
            var result = twin.Step(action);
            Assert.Equal(Physics.Expected(scenario, request, action), result.Outcome);
            request = result.Next;
        }
    }

    [Fact]
    public void Measurement_noise_scatters_outcomes_around_the_expected_ones()
    {
        var scenario = TestScenarios.Load(("measurementNoise", "0.2"));
        var twin = new EdgeCloudTwin(scenario);
        var request = twin.Reset(6);
        var ratios = new List<double>();
        for (var i = 0; i < 20_000; i++)
        {
            var action = twin.Actions.Decode(i % twin.Actions.Count);
            var result = twin.Step(action);
            ratios.Add(result.Outcome.LatencyMs / Physics.Expected(scenario, request, action).LatencyMs);
            request = result.Next;
        }

        Assert.True(ratios.Count(r => Math.Abs(r - 1) > 0.01) > ratios.Count / 2, "noise does not scatter outcomes");
        Assert.InRange(ratios.Average(), 0.98, 1.02);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(48)]
    [InlineData(1000)]
    public void The_twin_rejects_an_action_index_outside_the_action_space(int action)
    {
        var twin = new EdgeCloudTwin(TestScenarios.Valid()); // 3 targets x 16 variants = 48 actions
        var pending = twin.Reset(1);

        Assert.Equal(48, twin.Actions.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => twin.Step(action));
        Assert.Same(pending, twin.Current);
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(-1, 0)]
    [InlineData(0, 16)]
    [InlineData(1, -1)]
    public void The_twin_rejects_a_target_or_variant_the_scenario_does_not_have(int target, int variant)
    {
        var twin = new EdgeCloudTwin(TestScenarios.Valid());
        twin.Reset(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => twin.Step(new PlacementAction(target, variant)));
    }

    [Fact]
    public void A_rejected_action_leaves_the_trajectory_untouched()
    {
        var scenario = TestScenarios.Load(("measurementNoise", "0.1"));
        var clean = new EdgeCloudTwin(scenario);
        var interrupted = new EdgeCloudTwin(scenario);
        clean.Reset(9);
        interrupted.Reset(9);

        Assert.Throws<ArgumentOutOfRangeException>(() => interrupted.Step(99));

        Assert.Equal(clean.Step(5).Reward, interrupted.Step(5).Reward);
    }

    [Fact]
    public void The_twin_must_be_reset_before_use()
    {
        var twin = new EdgeCloudTwin(TestScenarios.Valid());

        Assert.Throws<InvalidOperationException>(() => twin.Current);
        Assert.Throws<InvalidOperationException>(() => twin.Step(0));
        Assert.Throws<InvalidOperationException>(() => twin.Step(new PlacementAction(0, 0)));
    }

    [Fact]
    public void The_action_space_numbers_every_target_and_variant_once()
    {
        var actions = new ActionSpace(TestScenarios.Valid());

        var decoded = Enumerable.Range(0, actions.Count).Select(actions.Decode).ToList();

        Assert.Equal((3, 16, 48), (actions.Targets, actions.Variants, actions.Count));
        Assert.Equal(actions.Count, decoded.Distinct().Count());
        Assert.All(decoded, a => Assert.InRange(a.Target, 0, 2));
        Assert.All(decoded, a => Assert.InRange(a.Variant, 0, 15));
        Assert.Equal(Enumerable.Range(0, actions.Count), decoded.Select(actions.Encode));
    }
}
