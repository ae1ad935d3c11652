using EdgeControl.Core.Simulation;

namespace EdgeControl.Core.Policies;

/// <summary>Chooses an action (index into the scenario's <see cref="ActionSpace"/>) for a pending request.</summary>
public interface IPolicy
{
    string Name { get; }

    int Decide(Observation request);
}
