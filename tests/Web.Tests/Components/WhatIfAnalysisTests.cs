using EdgeControl.Agents.Hybrid;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using EdgeControl.Web.Dashboard.WhatIf;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Topology;

namespace EdgeControl.Web.Tests.Components;

public sealed class WhatIfAnalysisTests
{
    private static readonly Scenario Scenario = ShippedScenarios.Paper;

    [Fact]
    public void For_a_learner_without_an_environment_model_every_placement_is_the_twins_expectation()
    {
        var (topology, request, action, outcome) = OneExecutedRequest(seed: 7);
        using var decisions = new DecisionService();
        decisions.Publish(Scenario, LearnerCatalog.Default("dqn").Create(Scenario, 7));

        var whatIf = new WhatIfAnalysis(topology, decisions).Of(Scenario.Users[request.User].Name)!;

        Assert.Equal(PredictionSource.TwinExpectation, whatIf.Source);
        Assert.Equal(Scenario.Catalog[action.Variant].Name, whatIf.Variant);
        Assert.Equal(1 + Scenario.Servers.Count, whatIf.Placements.Count);
        for (var target = 0; target < whatIf.Placements.Count; target++)
        {
            var expected = Physics.Expected(Scenario, request, new PlacementAction(target, action.Variant));
            var placement = whatIf.Placements[target];
            Assert.Equal(expected.LatencyMs, placement.LatencyMs);
            Assert.Equal(expected.EnergyJ, placement.EnergyJ);
            Assert.Equal(Reward.Of(expected, request, Scenario.Reward), placement.Reward);
            Assert.Null(placement.Spread);
            Assert.Equal(target == action.Target, placement.Chosen);
        }

        Assert.Equal(outcome, whatIf.Measured);
        Assert.Equal(Reward.Of(outcome, request, Scenario.Reward), whatIf.MeasuredReward);
    }

    [Fact]
    public void With_a_fitted_hybrid_agent_serving_every_placement_is_its_models_prediction()
    {
        var (topology, request, action, _) = OneExecutedRequest(seed: 8);
        var agent = (HybridLearningAgent)LearnerCatalog.Default("hl").Create(Scenario, 8);
        agent.Learn(RandomExperience(300, seed: 8));
        Assert.True(agent.CanPredict);
        var actions = new ActionSpace(Scenario);
        var predicted = Enumerable.Range(0, actions.Targets).Select(t => agent.Predict(request, actions.Encode(new PlacementAction(t, action.Variant)))).ToList();
        using var decisions = new DecisionService();
        decisions.Publish(Scenario, agent);

        var whatIf = new WhatIfAnalysis(topology, decisions).Of(Scenario.Users[request.User].Name)!;

        Assert.Equal(PredictionSource.LearnedModel, whatIf.Source);
        for (var target = 0; target < actions.Targets; target++)
        {
            var placement = whatIf.Placements[target];
            Assert.True(double.IsFinite(placement.LatencyMs) && double.IsFinite(placement.EnergyJ) && double.IsFinite(placement.Reward));
            Assert.Equal(predicted[target].LatencyMs, placement.LatencyMs);
            Assert.Equal(predicted[target].EnergyJ, placement.EnergyJ);
            Assert.Equal(predicted[target].Spread, placement.Spread);
            Assert.Equal(Reward.Of(predicted[target].WithAccuracy(Scenario.Catalog[action.Variant].Top1), request, Scenario.Reward), placement.Reward);
        }
    }

    [Fact]
    public void A_hybrid_agent_whose_model_is_not_fitted_yet_falls_back_to_the_twins_expectation()
    {
        var (topology, request, _, _) = OneExecutedRequest(seed: 9);
        using var decisions = new DecisionService();
        decisions.Publish(Scenario, LearnerCatalog.Default("hl").Create(Scenario, 9));

        var whatIf = new WhatIfAnalysis(topology, decisions).Of(Scenario.Users[request.User].Name)!;

        Assert.Equal(PredictionSource.TwinExpectation, whatIf.Source);
    }

    [Fact]
    public void A_user_without_an_executed_request_has_no_what_if()
    {
        var topology = new TopologyTracker();
        topology.Reset(Scenario);
        using var decisions = new DecisionService();

        Assert.Null(new WhatIfAnalysis(topology, decisions).Of(Scenario.Users[0].Name));
    }

    private static (TopologyTracker Topology, Observation Request, PlacementAction Action, Outcome Outcome) OneExecutedRequest(long seed)
    {
        var twin = new EdgeCloudTwin(Scenario);
        var request = twin.Reset(seed);
        var action = new PlacementAction(1, 0);
        var outcome = twin.Step(action).Outcome;
        var topology = new TopologyTracker();
        topology.Reset(Scenario);
        topology.Record(request, action, outcome, realInteractions: 1);
        return (topology, request, action, outcome);
    }

    private static Experience[] RandomExperience(int count, long seed)
    {
        var twin = new EdgeCloudTwin(Scenario);
        var rng = new Xoshiro256(seed);
        var request = twin.Reset(seed);
        var experience = new Experience[count];
        for (var i = 0; i < count; i++)
        {
            var action = rng.NextInt(twin.Actions.Count);
            var result = twin.Step(action);
            experience[i] = new Experience(request, action, result.Outcome, result.Reward, result.Next);
            request = result.Next;
        }

        return experience;
    }
}
