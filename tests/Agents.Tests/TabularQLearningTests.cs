using EdgeControl.Agents.Tabular;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Policies;

namespace EdgeControl.Agents.Tests;

public sealed class TabularQLearningTests
{
    [Fact]
    public void Q_learning_improves_from_random_towards_the_oracle_on_the_paper_scenario()
    {
        var evaluation = PolicyEvaluation.Create(Scenarios.Paper, Scenarios.QuickClosedLoop);
        var agent = new TabularQLearningAgent(Scenarios.Paper, QLearningOptions.Default, seed: 1);

        var result = Trainer.Run(agent, evaluation, new TrainingOptions(MaxInteractions: 200_000, EvaluateEvery: 20_000, Seed: 1));

        var untrained = result.Curve[0].Score;
        Assert.True(result.FinalScore(ScoreLoop.Open) > 0.8, $"final score {result.FinalScore(ScoreLoop.Open):0.000}");
        Assert.True(result.FinalScore(ScoreLoop.Open) > untrained + 0.2, $"untrained {untrained:0.000}, final {result.FinalScore(ScoreLoop.Open):0.000}");
        Assert.True(result.FinalScore(ScoreLoop.Open) > evaluation.OpenLoop.Score(new RandomPolicy(Scenarios.Paper, 1)) + 0.5);
    }

    [Fact]
    public void Q_learning_honours_its_seed()
    {
        var evaluation = PolicyEvaluation.Create(Scenarios.Paper, Scenarios.QuickClosedLoop);
        var options = new TrainingOptions(MaxInteractions: 20_000, EvaluateEvery: 5_000, Seed: 3);

        var first = Trainer.Run(new TabularQLearningAgent(Scenarios.Paper, QLearningOptions.Default, 3), evaluation, options);
        var second = Trainer.Run(new TabularQLearningAgent(Scenarios.Paper, QLearningOptions.Default, 3), evaluation, options);
        var other = Trainer.Run(new TabularQLearningAgent(Scenarios.Paper, QLearningOptions.Default, 4), evaluation, options);

        Assert.Equal(first.Curve.Select(p => p.Score), second.Curve.Select(p => p.Score));
        Assert.NotEqual(first.Curve.Select(p => p.Score), other.Curve.Select(p => p.Score));
    }

    [Fact]
    public void Discretisation_separates_network_load_accuracy_and_device_class()
    {
        var discretizer = new StateDiscretizer(Scenarios.Paper, QLearningOptions.Default);
        var twin = new EdgeControl.Core.Simulation.EdgeCloudTwin(Scenarios.Paper);
        var request = twin.Reset(5);

        var weak = request with { UplinkMbps = 1 };
        var strong = request with { UplinkMbps = 50 };
        var idle = request with { ServerLoads = [0, 0] };
        var busy = request with { ServerLoads = [10, 0] };
        var lax = request with { AccuracyRequirement = 0.6 };
        var strict = request with { AccuracyRequirement = 0.7 };
        var pi4 = request with { DeviceClass = 0 };
        var pi3 = request with { DeviceClass = 1 };

        Assert.NotEqual(discretizer.State(weak), discretizer.State(strong));
        Assert.NotEqual(discretizer.State(idle), discretizer.State(busy));
        Assert.NotEqual(discretizer.State(lax), discretizer.State(strict));
        Assert.NotEqual(discretizer.State(pi4), discretizer.State(pi3));
        Assert.InRange(discretizer.State(busy), 0, discretizer.StateCount - 1);
    }

    [Fact]
    public void A_table_exponential_in_the_servers_is_refused_with_its_size_and_a_small_one_is_built()
    {
        var city = Scenarios.Load("city-10k.json");

        var error = Assert.Throws<ArgumentException>(() => new TabularQLearningAgent(city, QLearningOptions.Default, seed: 1));

        Assert.Contains("22 servers", error.Message, StringComparison.Ordinal);
        Assert.Null(TabularQLearningAgent.TooLargeFor(Scenarios.Paper, QLearningOptions.Default));
    }
}
