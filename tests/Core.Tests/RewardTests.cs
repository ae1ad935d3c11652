using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Tests;

/// <summary>Reward = -(latency / SLO) - w_E * energy / E_ref - P * [accuracy &lt; requirement].</summary>
public class RewardTests
{
    private static readonly RewardWeights Weights = new(EnergyReferenceJ: 0.5, AccuracyPenalty: 2.0);

    [Fact]
    public void Reward_is_latency_over_slo_plus_weighted_energy_plus_the_accuracy_penalty()
    {
        // 120 / 150 = 0.8; 0.5 * 0.3 / 0.5 = 0.3; 0.60 < 0.65 costs 2.
        var reward = Reward.Of(new Outcome(LatencyMs: 120, EnergyJ: 0.3, Accuracy: 0.60), sloMs: 150, energyWeight: 0.5, accuracyRequirement: 0.65, Weights);

        Assert.Equal(-3.1, reward, 12);
    }

    [Fact]
    public void Accuracy_exactly_equal_to_the_requirement_is_not_a_violation()
    {
        var reward = Reward.Of(new Outcome(120, 0.3, 0.65), 150, 0.5, 0.65, Weights);

        Assert.Equal(-1.1, reward, 12);
    }

    [Fact]
    public void Accuracy_just_below_the_requirement_costs_the_whole_penalty()
    {
        var met = Reward.Of(new Outcome(120, 0.3, 0.65), 150, 0.5, 0.65, Weights);
        var missed = Reward.Of(new Outcome(120, 0.3, 0.6499), 150, 0.5, 0.65, Weights);

        Assert.Equal(2.0, met - missed, 12);
    }

    [Fact]
    public void A_user_with_zero_energy_weight_pays_only_for_latency()
    {
        var reward = Reward.Of(new Outcome(LatencyMs: 50, EnergyJ: 9.0, Accuracy: 0.7), sloMs: 200, energyWeight: 0, accuracyRequirement: 0.5, Weights);

        Assert.Equal(-0.25, reward, 12);
    }

    [Fact]
    public void Energy_counts_relative_to_the_reference_energy()
    {
        var cheap = new RewardWeights(EnergyReferenceJ: 2.0, AccuracyPenalty: 0);

        var reward = Reward.Of(new Outcome(LatencyMs: 0, EnergyJ: 1.0, Accuracy: 1), sloMs: 100, energyWeight: 1, accuracyRequirement: 0, cheap);

        Assert.Equal(-0.5, reward, 12);
    }

    [Fact]
    public void The_request_overload_reads_slo_energy_weight_and_requirement_from_the_request()
    {
        var scenario = TestScenarios.Valid();
        var request = Requests.Idle(scenario) with { SloMs = 150, EnergyWeight = 0.5, AccuracyRequirement = 0.65 };
        var outcome = new Outcome(120, 0.3, 0.60);

        Assert.Equal(Reward.Of(outcome, 150, 0.5, 0.65, Weights), Reward.Of(outcome, request, Weights));
    }

    [Fact]
    public void The_twin_pays_exactly_the_reward_of_the_outcome_it_reports()
    {
        var scenario = TestScenarios.Load(("measurementNoise", "0.1"));
        var twin = new EdgeCloudTwin(scenario);
        var request = twin.Reset(5);
        for (var i = 0; i < 200; i++)
        {
            var result = twin.Step(i % twin.Actions.Count);
            Assert.Equal(Reward.Of(result.Outcome, request, scenario.Reward), result.Reward);
            request = result.Next;
        }
    }
}
