using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Policies;

/// <summary>A uniformly random action: the floor of the normalised score.</summary>
public sealed class RandomPolicy(Scenario scenario, long seed) : IPolicy
{
    private readonly int _count = new ActionSpace(scenario).Count;
    private readonly Xoshiro256 _rng = new(seed);

    public string Name => "random";

    public int Decide(Observation request) => _rng.NextInt(_count);
}
