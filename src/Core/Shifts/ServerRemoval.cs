using EdgeControl.Core.Domain;

namespace EdgeControl.Core.Shifts;

/// <summary>
/// Server <paramref name="Server"/> is gone. It stays among the actions and observations (a learner's input shape
/// must not change) but is unreachable: requests sent to it are lost after a timeout (<see cref="Simulation.Physics.TimeoutSlos"/>).
/// </summary>
public sealed record ServerRemoval(string Server) : EnvironmentShift
{
    public override Scenario ApplyTo(Scenario scenario)
    {
        var index = ServerIndex(scenario, Server);
        return WithServer(scenario, index, scenario.Servers[index] with { Reachable = false });
    }

    public override string ToString() => $"remove:{Server}";
}
