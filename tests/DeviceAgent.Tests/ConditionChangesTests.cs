using EdgeControl.Core.Simulation;
using EdgeControl.DeviceAgent.Network;
using EdgeControl.DeviceAgent.Simulation;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>A hosted user's network condition as the twin draws it: printed at the start and at each change, and shaped.</summary>
public sealed class ConditionChangesTests
{
    [Fact]
    public async Task The_first_condition_and_each_change_are_printed_and_shaped_and_nothing_else()
    {
        var scenario = PaperScenario.Load();
        scenario = scenario with { Users = [scenario.Users.Single(u => u.Name == "camera-1")] };
        using var log = new StringWriter();
        // No such interface: each shaping attempt fails, and the failure is written once.
        var changes = new ConditionChanges(scenario, new UplinkShaper("ec-no-such0", 150_528, log), log);

        foreach (var condition in new[] { 0, 0, 1, 1, 0 })
        {
            await changes.ObserveAsync(Request(condition), CancellationToken.None);
        }

        Assert.Equal(
            [
                "camera-1: network regular at start (uplink 20 Mbit/s; the twin's round trips 5 ms edge, 40 ms cloud)",
                "cannot shape the uplink (--shape-uplink ec-no-such0)",
                "camera-1: network regular -> weak (uplink 3 Mbit/s; the twin's round trips 25 ms edge, 90 ms cloud)",
                "camera-1: network weak -> regular (uplink 20 Mbit/s; the twin's round trips 5 ms edge, 40 ms cloud)",
            ],
            log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.StartsWith("cannot", StringComparison.Ordinal) ? l[..l.IndexOf(':', StringComparison.Ordinal)] : l));
    }

    private static Observation Request(int condition) =>
        new(User: 0, DeviceClass: 0, NetworkCondition: condition, UplinkMbps: 20, RttEdgeMs: 5, RttCloudMs: 40, LocalLoad: 0, ServerLoads: [0, 0],
            AccuracyRequirement: 0.7, SloMs: 200, EnergyWeight: 1, TimeSeconds: 0);
}
