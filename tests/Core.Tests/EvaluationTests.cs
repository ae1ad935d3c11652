using EdgeControl.Core.Domain;
using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>
/// The shipped scenario is a real orchestration problem: the oracle is the ceiling, random the
/// floor, no fixed placement is enough, and the idle-network heuristic leaves room for learning.
/// </summary>
public class EvaluationTests
{
    private static Scenario Scenario => ShippedScenario.Scenario;

    private static EvaluationSet Evaluation => ShippedScenario.Evaluation;

    private static readonly string[] Baselines = ["random", "local", "edge", "cloud", "greedy"];

    [Fact]
    public void The_oracles_expected_reward_is_at_least_every_other_policys_on_every_observation()
    {
        var oracle = new OraclePolicy(Scenario);
        foreach (var name in Baselines)
        {
            var policy = PolicyFactory.Create(name, Scenario, seed: 1);
            for (var i = 0; i < Evaluation.Requests.Count; i++)
            {
                var request = Evaluation.Requests[i];
                var theirs = Evaluation.ExpectedReward(i, policy.Decide(request));
                var ours = Evaluation.ExpectedReward(i, oracle.Decide(request));
                Assert.True(ours >= theirs, $"{name} beats the oracle on request {i}: {theirs} > {ours}");
            }
        }
    }

    [Fact]
    public void The_oracles_score_is_exactly_one()
    {
        Assert.Equal(1.0, Evaluation.Score(new OraclePolicy(Scenario)));
    }

    [Fact]
    public void The_random_policys_score_is_near_zero()
    {
        var score = Evaluation.Score(new RandomPolicy(Scenario, seed: 1));

        Assert.True(Math.Abs(score) < 0.1, $"random scores {score:0.000}");
    }

    [Fact]
    public void The_ceiling_is_above_the_floor_on_every_observation()
    {
        Assert.All(Enumerable.Range(0, Evaluation.Requests.Count), i => Assert.True(Evaluation.OracleRewards[i] > Evaluation.RandomRewards[i]));
        Assert.True(Evaluation.OracleMean > Evaluation.RandomMean);
    }

    [Fact]
    public void No_single_fixed_placement_is_optimal()
    {
        var oracle = new OraclePolicy(Scenario);

        var choices = Evaluation.Requests.Select(r => Evaluation.Actions.Decode(oracle.Decide(r))).ToList();

        Assert.True(choices.Select(c => c.Target).Distinct().Count() >= 2, "the oracle always uses the same target");
        Assert.True(choices.Select(c => c.Variant).Distinct().Count() >= 2, "the oracle always uses the same variant");
    }

    [Theory]
    [InlineData("local")]
    [InlineData("edge")]
    [InlineData("cloud")]
    public void Each_fixed_tier_scores_clearly_below_the_oracle(string tier)
    {
        var score = Evaluation.Score(PolicyFactory.Create(tier, Scenario, seed: 1));

        Assert.True(score < 0.99, $"always-{tier} scores {score:0.000}");
    }

    [Fact]
    public void The_greedy_heuristic_scores_strictly_between_random_and_the_oracle()
    {
        var score = Evaluation.Score(new ProfileGreedyPolicy(Scenario));

        Assert.True(score is > 0.2 and < 1.0, $"greedy scores {score:0.000}");
    }

    [Fact]
    public void The_evaluation_set_is_the_same_every_time_it_is_built()
    {
        var again = EvaluationSet.Create(Scenario);

        Assert.Equal(Evaluation.Requests.Count, again.Requests.Count);
        Assert.Equal(Evaluation.OracleRewards, again.OracleRewards);
        Assert.Equal(Evaluation.RandomRewards, again.RandomRewards);
        Assert.Equal(Evaluation.Requests.Select(r => r.TimeSeconds), again.Requests.Select(r => r.TimeSeconds));
    }

    [Fact]
    public void The_evaluation_set_has_the_scenarios_size_and_follows_its_evaluation_seed()
    {
        var small = TestScenarios.Valid(); // 100 observations, evaluation seed 3
        var otherSeed = TestScenarios.Load(("evaluation.seed", "4"));

        var set = EvaluationSet.Create(small);

        Assert.Equal(100, set.Requests.Count);
        Assert.NotEqual(set.Requests.Select(r => r.TimeSeconds), EvaluationSet.Create(otherSeed).Requests.Select(r => r.TimeSeconds));
    }

    [Fact]
    public void Floor_and_ceiling_are_the_mean_and_the_best_expected_reward_over_all_actions()
    {
        var set = EvaluationSet.Create(TestScenarios.Valid());

        for (var i = 0; i < set.Requests.Count; i++)
        {
            var rewards = Enumerable.Range(0, set.Actions.Count)
                .Select(a => ExpectedRewards.Of(set.Scenario, set.Requests[i], set.Actions.Decode(a))).ToList();
            Assert.Equal(rewards.Max(), set.OracleRewards[i]);
            Assert.Equal(rewards.Average(), set.RandomRewards[i], 12);
        }
    }

    [Fact]
    public void The_normalised_score_maps_the_floor_to_zero_and_the_ceiling_to_one()
    {
        var set = EvaluationSet.Create(TestScenarios.Valid());
        var halfway = (set.OracleMean + set.RandomMean) / 2;

        Assert.Equal(0.0, set.NormalizedScore(set.RandomMean));
        Assert.Equal(1.0, set.NormalizedScore(set.OracleMean));
        Assert.Equal(0.5, set.NormalizedScore(halfway), 12);
    }

    [Fact]
    public void A_policy_run_reports_what_happened_on_the_twin()
    {
        var scenario = TestScenarios.Valid();
        var local = new FixedTierPolicy(scenario, Tier.Device);

        var report = PolicyRunner.Run(scenario, local, requests: 500, seed: 1);

        Assert.Equal(("local", 500), (report.Policy, report.Requests));
        Assert.Equal(1.0, report.PlacementShares["local"]);
        Assert.Equal([0.0, 0.0], scenario.Servers.Select(s => report.PlacementShares[s.Name]));
        Assert.Equal(0.0, report.ViolationRate); // the cheapest variant that meets each requirement
        Assert.True(report.MeanLatencyMs > 0 && report.MeanEnergyJ > 0 && report.MeanReward < 0);
        Assert.InRange(report.SloMissRate, 0, 1);
    }

    [Fact]
    public void A_policy_run_reports_the_same_means_as_stepping_the_twin_by_hand()
    {
        var scenario = TestScenarios.Load(("measurementNoise", "0.1"));
        var oracle = new OraclePolicy(scenario);
        var twin = new EdgeCloudTwin(scenario);
        var request = twin.Reset(3);
        double latency = 0, reward = 0;
        var misses = 0;
        for (var i = 0; i < 400; i++)
        {
            var result = twin.Step(oracle.Decide(request));
            latency += result.Outcome.LatencyMs;
            reward += result.Reward;
            misses += result.Outcome.Accuracy < request.AccuracyRequirement ? 1 : 0;
            request = result.Next;
        }

        var report = PolicyRunner.Run(scenario, oracle, requests: 400, seed: 3);

        Assert.Equal(latency / 400, report.MeanLatencyMs, 9);
        Assert.Equal(reward / 400, report.MeanReward, 9);
        Assert.Equal(misses / 400.0, report.ViolationRate);
        Assert.Equal(1.0, report.NormalizedScore);
        Assert.Equal(1.0, report.PlacementShares.Values.Sum(), 12);
    }
}
