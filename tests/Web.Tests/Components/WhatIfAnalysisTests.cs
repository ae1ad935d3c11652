using EdgeControl.Agents.Hybrid;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using EdgeControl.Web.Dashboard.WhatIf;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.DeviceHub;
using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Topology;
using EdgeControl.Web.Workers;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Tests.Components;

public sealed class WhatIfAnalysisTests
{
    private static readonly Scenario Scenario = ShippedScenarios.Paper;

    /// <summary>No worker registered: every server is simulated and allowed, as before workers existed.</summary>
    private WorkerRegistry Workers { get; } = NewRegistry();

    [Fact]
    public void For_a_learner_without_an_environment_model_every_placement_is_the_twins_expectation()
    {
        var (topology, request, action, outcome) = OneExecutedRequest(seed: 7);
        using var decisions = new DecisionService(Workers);
        decisions.Publish(Scenario, LearnerCatalog.Default("dqn").Create(Scenario, 7));

        var whatIf = new WhatIfAnalysis(topology, decisions, Workers).Of(Scenario.Users[request.User].Name)!;

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
        agent.Learn(RandomTwinExperience.Collect(Scenario, 300, seed: 8));
        Assert.True(agent.CanPredict);
        var actions = new ActionSpace(Scenario);
        var predicted = Enumerable.Range(0, actions.Targets).Select(t => agent.Predict(request, actions.Encode(new PlacementAction(t, action.Variant)))).ToList();
        using var decisions = new DecisionService(Workers);
        decisions.Publish(Scenario, agent);

        var whatIf = new WhatIfAnalysis(topology, decisions, Workers).Of(Scenario.Users[request.User].Name)!;

        Assert.Equal(PredictionSource.LearnedModel, whatIf.Source);
        for (var target = 0; target < actions.Targets; target++)
        {
            var placement = whatIf.Placements[target];
            Assert.True(double.IsFinite(placement.LatencyMs) && double.IsFinite(placement.EnergyJ) && double.IsFinite(placement.Reward));
            // Served from the snapshot's frozen model, computed in managed code: the agent's figures to float rounding.
            Assert.Equal(predicted[target].LatencyMs, placement.LatencyMs, tolerance: 1e-4 * predicted[target].LatencyMs);
            Assert.Equal(predicted[target].EnergyJ, placement.EnergyJ, tolerance: 1e-4 * predicted[target].EnergyJ);
            Assert.Equal(predicted[target].Spread, placement.Spread!.Value, tolerance: 1e-3);
            Assert.Equal(Reward.Of(predicted[target].WithAccuracy(Scenario.Catalog[action.Variant].Top1), request, Scenario.Reward), placement.Reward, tolerance: 1e-3);
        }
    }

    [Fact]
    public void A_hybrid_agent_whose_model_is_not_fitted_yet_falls_back_to_the_twins_expectation()
    {
        var (topology, request, _, _) = OneExecutedRequest(seed: 9);
        using var decisions = new DecisionService(Workers);
        decisions.Publish(Scenario, LearnerCatalog.Default("hl").Create(Scenario, 9));

        var whatIf = new WhatIfAnalysis(topology, decisions, Workers).Of(Scenario.Users[request.User].Name)!;

        Assert.Equal(PredictionSource.TwinExpectation, whatIf.Source);
    }

    [Fact]
    public void A_placement_on_a_server_whose_worker_is_offline_is_marked_masked_and_the_others_are_not()
    {
        var (topology, request, action, _) = OneExecutedRequest(seed: 10);
        var workers = NewRegistry();
        var offline = Scenario.Servers[1];
        // Registered, never heartbeating: offline, so decisions mask its server.
        workers.Add(new WorkerNode(Guid.NewGuid(), offline.Name, TierNames.Of(offline.Tier), "http://127.0.0.1:5102", new byte[32], offline.Profile.Name, DateTimeOffset.UtcNow), null, null, null);
        using var decisions = new DecisionService(workers);
        decisions.Publish(Scenario, LearnerCatalog.Default("dqn").Create(Scenario, 10));

        var whatIf = new WhatIfAnalysis(topology, decisions, workers).Of(Scenario.Users[request.User].Name)!;

        var masked = Assert.Single(whatIf.Placements, p => p.Masked);
        Assert.Equal(offline.Name, masked.Target);
        Assert.Equal(1 + Scenario.Servers.Count, whatIf.Placements.Count);
        // Still predicted (what it would cost), only not offered.
        var expected = Physics.Expected(Scenario, request, new PlacementAction(2, action.Variant));
        Assert.Equal(expected.LatencyMs, masked.LatencyMs);
    }

    [Fact]
    public void Without_registered_workers_no_placement_is_masked()
    {
        var (topology, request, _, _) = OneExecutedRequest(seed: 11);
        using var decisions = new DecisionService(Workers);

        var whatIf = new WhatIfAnalysis(topology, decisions, Workers).Of(Scenario.Users[request.User].Name)!;

        Assert.DoesNotContain(whatIf.Placements, p => p.Masked);
    }

    [Fact]
    public void A_user_without_an_executed_request_has_no_what_if()
    {
        var topology = new TopologyTracker();
        topology.Reset(Scenario);
        using var decisions = new DecisionService(Workers);

        Assert.Null(new WhatIfAnalysis(topology, decisions, Workers).Of(Scenario.Users[0].Name));
    }

    private static WorkerRegistry NewRegistry() =>
        new(new DeviceLiveness(Options.Create(new DeviceHubOptions()), TimeProvider.System));

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
}
