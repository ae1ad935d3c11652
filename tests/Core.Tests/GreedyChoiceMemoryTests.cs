using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>
/// The idle-node greedy remembers its choice per kind of user and network condition; remembering
/// must never change a decision: each one is still the oracle's on an idle network.
/// </summary>
public class GreedyChoiceMemoryTests
{
    [Fact]
    public void Remembered_choices_are_the_oracles_on_an_idle_network_across_a_city()
    {
        var city = CityScenario.Scenario;
        var greedy = new ProfileGreedyPolicy(city);
        var oracle = new OraclePolicy(city);

        foreach (var request in Trajectories.Observations(city, seed: 6, steps: 3000, new RandomPolicy(city, seed: 1).Decide))
        {
            Assert.Equal(oracle.Decide(Idle(request)), greedy.Decide(request));
        }
    }

    [Fact]
    public void A_request_whose_network_differs_from_its_condition_is_searched_afresh()
    {
        var scenario = TestScenarios.Valid();
        var greedy = new ProfileGreedyPolicy(scenario);
        var oracle = new OraclePolicy(scenario);
        var regular = Requests.Idle(scenario, user: 0); // condition 0, as the scenario has it
        var remembered = greedy.Decide(regular);

        var fastLink = regular with { UplinkMbps = 1000, RttEdgeMs = 1 }; // still says condition 0
        var fastLinkChoice = greedy.Decide(fastLink);

        Assert.Equal(oracle.Decide(fastLink), fastLinkChoice);
        Assert.NotEqual(remembered, fastLinkChoice);
        Assert.Equal(remembered, greedy.Decide(regular));
    }

    [Fact]
    public void A_request_whose_needs_differ_from_its_users_is_searched_afresh()
    {
        var scenario = TestScenarios.Valid();
        var greedy = new ProfileGreedyPolicy(scenario);
        var oracle = new OraclePolicy(scenario);
        var request = Requests.Idle(scenario, user: 0);
        greedy.Decide(request);

        var stricter = request with { AccuracyRequirement = 0.70 };

        Assert.Equal(oracle.Decide(stricter), greedy.Decide(stricter));
        Assert.NotEqual(greedy.Decide(request), greedy.Decide(stricter));
    }

    private static Observation Idle(Observation request) =>
        request with { LocalLoad = 0, ServerLoads = new int[request.ServerLoads.Length] };
}
