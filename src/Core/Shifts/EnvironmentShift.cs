using EdgeControl.Core.Domain;

namespace EdgeControl.Core.Shifts;

/// <summary>
/// A change of the environment under a learner (a network drop, a busier server, a server gone), applied to a
/// scenario as a changed scenario of the same shape: same users, servers (in order), network conditions and
/// catalog, so a learner's observations and actions keep their size (see <see cref="Simulation.EdgeCloudTwin.ChangeTo"/>).
/// </summary>
public abstract record EnvironmentShift
{
    /// <summary>The forms <see cref="EnvironmentShiftParser"/> accepts, in words, for error messages and help.</summary>
    public const string AcceptedForms =
        "uplink/F or uplink*F (every network condition's uplink divided or multiplied by F > 0), "
        + "background:SERVER*F (that server's background load times F >= 0), "
        + "remove:SERVER (that server is gone: requests sent there are lost after a timeout); several separated by commas";

    /// <summary>The scenario after the change; nothing else in it differs.</summary>
    /// <exception cref="ArgumentException">The shift names a server the scenario does not have.</exception>
    public abstract Scenario ApplyTo(Scenario scenario);

    /// <summary>Applies <paramref name="shifts"/> in order.</summary>
    public static Scenario ApplyAll(IEnumerable<EnvironmentShift> shifts, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        return shifts.Aggregate(scenario, (changed, shift) => shift.ApplyTo(changed));
    }

    /// <summary>The index of the server called <paramref name="name"/>.</summary>
    protected static int ServerIndex(Scenario scenario, string name)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        for (var s = 0; s < scenario.Servers.Count; s++)
        {
            if (scenario.Servers[s].Name == name)
            {
                return s;
            }
        }

        throw new ArgumentException($"no server '{name}' in scenario '{scenario.Name}' (servers: {string.Join(", ", scenario.Servers.Select(s => s.Name))})", nameof(name));
    }

    /// <summary><paramref name="scenario"/> with server <paramref name="index"/> replaced.</summary>
    protected static Scenario WithServer(Scenario scenario, int index, ServerNode server)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var servers = scenario.Servers.ToArray();
        servers[index] = server;
        return scenario with { Servers = servers };
    }
}
