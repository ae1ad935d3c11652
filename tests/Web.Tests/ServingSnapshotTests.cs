using EdgeControl.Agents.Hybrid;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Tests.Infrastructure;

namespace EdgeControl.Web.Tests;

/// <summary>
/// The orchestrator publishes a Q-network learner as its serving snapshot (<see cref="Agents.Dqn.IFreezablePolicy.Snapshot"/>),
/// not as a second learner loaded from its checkpoint: devices are decided and what-if questions answered from the
/// learner as it was at publication, whatever the live learner learns after.
/// </summary>
public sealed class ServingSnapshotTests
{
    private static readonly Scenario Scenario = ShippedScenarios.Paper;

    [Fact]
    public void A_published_snapshot_decides_and_predicts_as_the_learner_did_at_publication_whatever_it_learns_after()
    {
        using var learner = (HybridLearningAgent)LearnerCatalog.Default("hl").Create(Scenario, 12);
        var experience = RandomTwinExperience.Collect(Scenario, 400, seed: 12);
        learner.Learn(experience.AsSpan(0, 300));
        var requests = experience.Select(e => e.Next).Take(100).ToArray();
        var actions = Enumerable.Range(0, new ActionSpace(Scenario).Count).ToArray();
        var greedy = requests.Select(r => learner.Serve(r, explore: false, []).Action).ToArray();
        var predicted = requests.Select(r => actions.Select(a => learner.Predict(r, a)).ToArray()).ToArray();
        using var decisions = StandaloneDecisions.Create();

        decisions.Publish(Scenario, learner.Snapshot());
        foreach (var step in experience.Skip(300))
        {
            learner.Learn(step); // one at a time: every model refit the schedule asks for is made
        }

        Assert.NotEqual(predicted[0], actions.Select(a => learner.Predict(requests[0], a))); // the live learner moved on
        Assert.Equal(greedy, requests.Select((r, i) => decisions.Decide($"r-{i}", r, explore: false).Action));
        for (var i = 0; i < requests.Length; i++)
        {
            var served = decisions.Predict(requests[i], actions)!;
            for (var a = 0; a < actions.Length; a++)
            {
                // The snapshot's model computes the ensemble in managed code: the learner's figures to float rounding.
                Assert.Equal(predicted[i][a].LatencyMs, served[a].LatencyMs, tolerance: 1e-4 * predicted[i][a].LatencyMs);
                Assert.Equal(predicted[i][a].Spread, served[a].Spread, tolerance: 1e-3);
            }
        }
    }

    [Fact]
    public void A_learner_that_cannot_freeze_is_served_from_the_published_copy_itself()
    {
        var tabular = LearnerCatalog.Default("qlearning").Create(Scenario, 13);
        var experience = RandomTwinExperience.Collect(Scenario, 2000, seed: 13);
        tabular.Learn(experience);
        var request = experience[^1].Next;
        var greedy = tabular.Serve(request, explore: false, []).Action;
        using var decisions = StandaloneDecisions.Create();

        decisions.Publish(Scenario, tabular);

        Assert.Equal(greedy, decisions.Decide("r-1", request, explore: false).Action);
        Assert.Null(decisions.Predict(request, [0]));
    }
}
