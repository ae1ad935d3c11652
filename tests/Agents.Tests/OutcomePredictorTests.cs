using EdgeControl.Agents.Hybrid;
using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Model;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Simulation;
using Xunit.Abstractions;

namespace EdgeControl.Agents.Tests;

[Collection(SerialTorchSharp.Name)]
public sealed class OutcomePredictorTests(ITestOutputHelper output)
{
    [Fact]
    public void The_hybrid_agent_predicts_finite_outcomes_for_every_action_once_its_model_is_fitted_and_close_to_the_twin()
    {
        var scenario = Scenarios.ContextualBandit;
        using var agent = (HybridLearningAgent)LearnerCatalog.Default("hl").Create(scenario, 4);
        Assert.False(agent.CanPredict, "an unfitted model predicts noise and must say so");

        var experience = RandomTransitions.Collect(scenario, 600, seed: 4);
        foreach (var batch in experience.Chunk(20))
        {
            agent.Learn(batch.AsSpan());
        }

        Assert.True(agent.CanPredict);
        var request = experience[^1].Next;
        var actions = new ActionSpace(scenario);
        var logErrors = new List<double>();
        for (var a = 0; a < actions.Count; a++)
        {
            var predicted = agent.Predict(request, a);
            Assert.True(double.IsFinite(predicted.LatencyMs) && predicted.LatencyMs > 0, $"action {a}: latency {predicted.LatencyMs}");
            Assert.True(double.IsFinite(predicted.EnergyJ) && predicted.EnergyJ > 0, $"action {a}: energy {predicted.EnergyJ}");
            Assert.True(double.IsFinite(predicted.Spread) && predicted.Spread >= 0, $"action {a}: spread {predicted.Spread}");
            logErrors.Add(Math.Abs(Math.Log(predicted.LatencyMs / Physics.Expected(scenario, request, actions.Decode(a)).LatencyMs)));
        }

        // Learned from 600 random real steps, the model is an approximation, not noise: latencies here range from a few
        // ms (the smallest variant on the device) to a quarter of a second, and the typical prediction is within 25% of
        // the twin's noise-free one (measured: median 0.028 in log, largest 0.141, seed 4).
        var median = logErrors.Order().ElementAt(logErrors.Count / 2);
        output.WriteLine($"median |log(predicted / expected latency)| {median:0.000}, largest {logErrors.Max():0.000}");
        Assert.True(median < Math.Log(1.25), $"median |log(predicted / expected latency)| = {median:0.000}");
    }

    [Fact]
    public void A_serving_copy_made_from_the_checkpoint_predicts_what_the_learner_predicts()
    {
        var scenario = Scenarios.ContextualBandit;
        using var agent = (HybridLearningAgent)LearnerCatalog.Default("hl").Create(scenario, 5);
        var experience = RandomTransitions.Collect(scenario, 200, seed: 5);
        agent.Learn(experience.ToArray().AsSpan());
        using var copy = (HybridLearningAgent)LearnerCatalog.Default("hl").Create(scenario, 5);

        Checkpoint.FromBytes(copy, Checkpoint.ToBytes(agent));

        Assert.True(((IOutcomePredictor)copy).CanPredict);
        var request = experience[^1].Next;
        for (var a = 0; a < new ActionSpace(scenario).Count; a++)
        {
            Assert.Equal(agent.Predict(request, a), copy.Predict(request, a));
        }
    }

    [Fact]
    public void A_serving_snapshot_predicts_what_the_learner_predicted_when_it_was_taken_and_later_fits_do_not_change_it()
    {
        var scenario = Scenarios.ContextualBandit;
        using var agent = (HybridLearningAgent)LearnerCatalog.Default("hl").Create(scenario, 6);
        Assert.Null(agent.Snapshot().Model); // nothing fitted yet: nothing to predict with
        var experience = RandomTransitions.Collect(scenario, 300, seed: 6);
        agent.Learn(experience.Take(200).ToArray().AsSpan());
        var request = experience[^1].Next;
        var actions = new ActionSpace(scenario).Count;
        var atSnapshot = Enumerable.Range(0, actions).Select(a => agent.Predict(request, a)).ToArray();

        var model = agent.Snapshot().Model!;
        foreach (var step in experience.Skip(200))
        {
            agent.Learn(step); // one at a time: every refit the schedule asks for is made (a batch may put one off)
        }

        Assert.True(model.CanPredict);
        Assert.NotEqual(atSnapshot, Enumerable.Range(0, actions).Select(a => agent.Predict(request, a)));
        for (var a = 0; a < actions; a++)
        {
            // The frozen copy computes the ensemble in managed code: the TorchSharp model's figures to float rounding.
            var frozen = model.Predict(request, a);
            Assert.Equal(atSnapshot[a].LatencyMs, frozen.LatencyMs, tolerance: 1e-4 * atSnapshot[a].LatencyMs);
            Assert.Equal(atSnapshot[a].EnergyJ, frozen.EnergyJ, tolerance: 1e-4 * atSnapshot[a].EnergyJ);
            Assert.Equal(atSnapshot[a].Spread, frozen.Spread, tolerance: 1e-3);
        }
    }

    [Fact]
    public void Learners_without_an_environment_model_are_no_outcome_predictors()
    {
        foreach (var name in new[] { "dqn", "qlearning" })
        {
            var learner = LearnerCatalog.Default(name).Create(Scenarios.ContextualBandit, 1);
            try
            {
                Assert.IsNotAssignableFrom<IOutcomePredictor>(learner);
            }
            finally
            {
                (learner as IDisposable)?.Dispose();
            }
        }
    }
}
