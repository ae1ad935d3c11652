using EdgeControl.Agents.Training;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests;

/// <summary>
/// <c>learned-greedy</c>: the run's learner with its exploration paused, for its own A/B windows on a live testbed. A
/// live run publishes its policy exploring; while learned-greedy serves, every decision is its greedy choice and the
/// log says who decided.
/// </summary>
public sealed class LearnedGreedyServingTests
{
    private const int Requests = 200;

    private static readonly Scenario Scenario = ShippedScenarios.Paper;

    [Fact]
    public void A_live_policy_explores_as_learned_and_never_as_learned_greedy()
    {
        using var decisions = StandaloneDecisions.Create();
        // A fresh DQN explores with probability 1 at its first step: every live decision as "learned" is a random one.
        decisions.Publish(Scenario, LearnerCatalog.Default("dqn").Create(Scenario, 3), exploring: true);
        var request = new EdgeCloudTwin(Scenario).Reset(3);

        var exploring = Decide(decisions);
        decisions.Serve(ServingPolicies.LearnedGreedy);
        var paused = Decide(decisions);

        Assert.Contains(exploring, d => d.Explored);
        Assert.All(exploring, d => Assert.Equal(ServingPolicies.Learned, d.ServedBy));
        Assert.All(paused, d => Assert.False(d.Explored));
        Assert.All(paused, d => Assert.Equal((ServingPolicies.LearnedGreedy, 1.0), (d.ServedBy, d.Probability)));
        Assert.Single(paused.Select(d => d.Action).Distinct()); // one request, one greedy choice
        Assert.Equal(ServingPolicies.LearnedGreedy, decisions.ServingPolicy);

        PlacementDecision[] Decide(DecisionService service) =>
            [.. Enumerable.Range(0, Requests).Select(i => service.Decide($"r-{i}", request, explore: false))];
    }

    [Fact]
    public void Learned_greedy_is_offered_on_every_scenario_and_stays_the_serving_policy_when_a_new_policy_is_published()
    {
        using var decisions = StandaloneDecisions.Create();
        decisions.Publish(Scenario, LearnerCatalog.Default("dqn").Create(Scenario, 3), exploring: true);
        decisions.Serve(ServingPolicies.LearnedGreedy);

        decisions.Publish(ShippedScenarios.Paper with { }, LearnerCatalog.Default("dqn").Create(Scenario, 4), exploring: true);

        Assert.Contains(ServingPolicies.LearnedGreedy, ServingPolicies.For(Scenario));
        Assert.True(ServingPolicies.IsLearner(ServingPolicies.LearnedGreedy));
        Assert.Equal(ServingPolicies.LearnedGreedy, decisions.ServingPolicy);
    }
}
