using System.Globalization;
using EdgeControl.Core.Domain;

namespace EdgeControl.Core.Shifts;

/// <summary>Server <paramref name="Server"/>'s background load (its other tenants) times <paramref name="Factor"/>.</summary>
public sealed record BackgroundShift(string Server, double Factor) : EnvironmentShift
{
    public override Scenario ApplyTo(Scenario scenario)
    {
        var index = ServerIndex(scenario, Server);
        var server = scenario.Servers[index];
        return WithServer(scenario, index, server with { BackgroundLoad = server.BackgroundLoad * Factor });
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"background:{Server}*{Factor}");
}
