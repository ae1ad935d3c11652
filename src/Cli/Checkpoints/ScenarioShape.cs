using System.Globalization;
using EdgeControl.Core.Domain;

namespace EdgeControl.Cli.Checkpoints;

/// <summary>
/// What a learner's weights depend on in a scenario: the observation's width (one load per server, one flag per device
/// class) and the action space (every target x every variant). A checkpoint decides on any scenario of the same shape.
/// </summary>
internal sealed record ScenarioShape(int Servers, int DeviceClasses, int Variants)
{
    public static ScenarioShape Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new ScenarioShape(scenario.Servers.Count, scenario.DeviceClasses.Count, scenario.Catalog.Count);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Servers} server{(Servers == 1 ? "" : "s")}, {DeviceClasses} device class{(DeviceClasses == 1 ? "" : "es")}, {Variants} model variant{(Variants == 1 ? "" : "s")}");
}
