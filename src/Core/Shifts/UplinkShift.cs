using System.Globalization;
using EdgeControl.Core.Domain;

namespace EdgeControl.Core.Shifts;

/// <summary>Every network condition's uplink bandwidth times <paramref name="Factor"/> (<c>uplink/10</c> is 0.1); RTTs stay.</summary>
public sealed record UplinkShift(double Factor) : EnvironmentShift
{
    public override Scenario ApplyTo(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario with { Conditions = scenario.Conditions.Select(c => c with { UplinkMbps = c.UplinkMbps * Factor }).ToArray() };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"uplink*{Factor}");
}
