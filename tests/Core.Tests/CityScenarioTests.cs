using EdgeControl.Core.Domain;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>
/// scenarios/city-10k.json: 10,000 devices of four kinds, 20 edges, 2 clouds; the oracle spreads
/// them, the idle-node greedy herds them onto one edge and only the closed-loop score sees it.
/// </summary>
public class CityScenarioTests
{
    private static Scenario City => CityScenario.Scenario;

    [Fact]
    public void The_city_has_ten_thousand_users_of_four_kinds_twenty_edges_and_two_clouds()
    {
        Assert.Equal("city-10k", City.Name);
        Assert.Equal(10_000, City.Users.Count);
        Assert.Equal(
            [("camera", 3000), ("phone", 5000), ("sensor", 1500), ("inspector", 500)],
            City.Users.GroupBy(u => u.Name[..u.Name.LastIndexOf('-')]).Select(g => (g.Key, g.Count())));
        Assert.Equal(("camera-1", "inspector-500"), (City.Users[0].Name, City.Users[^1].Name));
        Assert.Equal(20, City.Servers.Count(s => s.Tier == Tier.Edge));
        Assert.Equal(2, City.Servers.Count(s => s.Tier == Tier.Cloud));
        Assert.Equal(1490, City.Users.Sum(u => u.ArrivalRatePerSecond), precision: 6);
    }

    [Fact]
    public void City_requests_arrive_at_the_users_total_rate()
    {
        var local = new ActionSpace(City).Encode(new PlacementAction(PlacementAction.Local, 0));

        var observations = Trajectories.Observations(City, seed: 3, steps: 30_000, _ => local);

        Assert.InRange(observations.Count / observations[^1].TimeSeconds, 1490 * 0.97, 1490 * 1.03);
        Assert.InRange(observations.Count(o => City.Users[o.User].Name.StartsWith("camera", StringComparison.Ordinal)) / (double)observations.Count, 0.64, 0.69);
    }

    [Fact]
    public void The_oracle_keeps_every_edge_busy_without_overloading_any()
    {
        var edges = Enumerable.Range(0, City.Servers.Count).Where(s => City.Servers[s].Tier == Tier.Edge).ToList();

        var seen = Trajectories.Observations(City, seed: 4, steps: 6000, new OraclePolicy(City).Decide).Skip(1000).ToList();

        foreach (var edge in edges)
        {
            // Two slots each: near or above two in flight, contention is what the placement has to weigh.
            Assert.InRange(seen.Average(o => o.ServerLoads[edge]), 1.5, 6.0);
        }
    }

    [Fact]
    public void The_idle_node_greedy_herds_the_city_onto_one_edge()
    {
        var twin = new EdgeCloudTwin(City);
        var greedy = new ProfileGreedyPolicy(City);
        var request = twin.Reset(5);
        for (var i = 0; i < 6000; i++)
        {
            request = twin.Step(greedy.Decide(request)).Next;
        }

        Assert.True(twin.InFlightOn(0) > 2000, $"{twin.InFlightOn(0)} in flight on edge-01");
        Assert.All(Enumerable.Range(1, City.Servers.Count - 1), s => Assert.Equal(0, twin.InFlightOn(s)));
    }

    [Fact]
    public void Herding_the_city_scores_high_open_loop_and_far_below_random_closed_loop()
    {
        var greedy = new ProfileGreedyPolicy(City);

        var open = EvaluationSet.Create(City).Score(greedy);
        var closed = ClosedLoopEvaluation.Create(City).Evaluate(greedy);

        Assert.True(open > 0.9, $"open loop {open:0.000}");
        Assert.True(closed.Score < 0, $"closed loop {closed.Score:0.000}");
        Assert.True(closed.MeanLatencyMs > 1000, $"closed-loop mean latency {closed.MeanLatencyMs:0} ms");
    }
}
