using EdgeControl.Agents.Learning;
using EdgeControl.Agents.Training;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tests;

/// <summary>Serving decisions restricted to the allowed actions (servers whose worker is offline are masked), with their probability.</summary>
[Collection(SerialTorchSharp.Name)]
public sealed class ServedActionTests
{
    private static readonly ActionSpace Actions = new(Scenarios.Paper);

    [Theory]
    [InlineData("qlearning")]
    [InlineData("dqn")]
    [InlineData("hl")]
    public void Neither_the_greedy_nor_an_exploring_choice_is_ever_a_masked_action(string agent)
    {
        var learner = LearnerCatalog.Default(agent).Create(Scenarios.Paper, 1);
        try
        {
            var twin = new EdgeCloudTwin(Scenarios.Paper);
            var request = twin.Reset(3);
            // Server 0 (edge-1) is masked: only the device and cloud-1 remain.
            var allowed = AllowedWithout(server: 0);
            for (var i = 0; i < 300; i++)
            {
                var greedy = learner.Serve(request, explore: false, allowed);
                var exploring = learner.Serve(request, explore: true, allowed);

                Assert.True(allowed[greedy.Action], $"greedy {Actions.Decode(greedy.Action)} is masked");
                Assert.True(allowed[exploring.Action], $"exploring {Actions.Decode(exploring.Action)} is masked");
                Assert.Equal(greedy.Action, exploring.Greedy);
                request = twin.Step(exploring.Action).Next;
            }
        }
        finally
        {
            (learner as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void A_greedy_choice_has_probability_one()
    {
        using var learner = (IDisposable)LearnerCatalog.Default("dqn").Create(Scenarios.Paper, 1);

        var served = ((ILearner)learner).Serve(new EdgeCloudTwin(Scenarios.Paper).Reset(1), explore: false, AllowedWithout(server: 1));

        Assert.Equal((served.Greedy, 1.0, false), (served.Action, served.Probability, served.Explored));
    }

    [Fact]
    public void A_fresh_learner_explores_uniformly_among_the_actions_both_masks_allow()
    {
        // At step 0 epsilon is 1: every choice is a uniform draw among the allowed actions that meet the accuracy
        // requirement, so each has probability 1 / that count.
        var learner = LearnerCatalog.Default("qlearning").Create(Scenarios.Paper, 1);
        var request = new EdgeCloudTwin(Scenarios.Paper).Reset(1);
        var allowed = AllowedWithout(server: 0);
        var accurateEnough = new ActionMask(Scenarios.Paper).Allowed(request);
        var count = Enumerable.Range(0, Actions.Count).Count(a => allowed[a] && accurateEnough[a]);

        var served = learner.Serve(request, explore: true, allowed);

        Assert.Equal(1.0 / count, served.Probability, 12);
    }

    [Theory]
    [InlineData(0.05, 10)]
    [InlineData(0.3, 7)]
    [InlineData(1.0, 3)]
    public void Epsilon_greedy_probabilities_of_all_allowed_actions_sum_to_one(double epsilon, int allowedCount)
    {
        var total = Dqn.GreedyChoice.EpsilonGreedyProbability(isGreedy: true, epsilon, allowedCount)
            + (allowedCount - 1) * Dqn.GreedyChoice.EpsilonGreedyProbability(isGreedy: false, epsilon, allowedCount);

        Assert.Equal(1.0, total, 12);
    }

    private static bool[] AllowedWithout(int server)
    {
        var allowed = new bool[Actions.Count];
        for (var a = 0; a < allowed.Length; a++)
        {
            var placement = Actions.Decode(a);
            allowed[a] = placement.IsLocal || placement.Server != server;
        }

        return allowed;
    }
}
