using EdgeControl.Agents.Learning;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Policies;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tests;

/// <summary>A "learner" that plays uniformly random actions and keeps its own account of what they cost.</summary>
internal sealed class RandomLearner(Scenario scenario, long seed) : ILearner
{
    private readonly ActionSpace _actions = new(scenario);
    private readonly Xoshiro256 _rng = new(seed);

    public string Name => "random";

    public long RealSteps { get; private set; }

    /// <summary>Oracle's expected reward minus the played action's, summed over what it learned from.</summary>
    public double Regret { get; private set; }

    /// <summary>Experienced requests that missed their SLO or their accuracy requirement.</summary>
    public long Violations { get; private set; }

    public int Act(Observation request, bool explore) => _rng.NextInt(_actions.Count);

    public void Learn(Experience experience)
    {
        ArgumentNullException.ThrowIfNull(experience);
        var rewards = Enumerable.Range(0, _actions.Count)
            .Select(a => ExpectedRewards.Of(scenario, experience.Request, _actions.Decode(a)))
            .ToList();
        Regret += rewards.Max() - rewards[experience.Action];
        var request = experience.Request;
        Violations += experience.Outcome.LatencyMs > request.SloMs || experience.Outcome.Accuracy < request.AccuracyRequirement ? 1 : 0;
        RealSteps++;
    }
}
