using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Policies;

/// <summary>Exhaustive search: the action with the best expected (noise-free) reward for this request.</summary>
public sealed class OraclePolicy(Scenario scenario) : IPolicy
{
    public string Name => "oracle";

    public int Decide(Observation request) => ExpectedRewards.Best(scenario, request);

    /// <summary>What choosing <paramref name="chosen"/> costs in expectation: the oracle's expected reward minus the chosen action's.</summary>
    public static double Regret(Scenario scenario, Observation request, int chosen)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ExpectedRewards.Best(scenario, request, out var best);
        var variants = scenario.Catalog.Count;
        return best - ExpectedRewards.Of(scenario, request, new PlacementAction(chosen / variants, chosen % variants));
    }
}
