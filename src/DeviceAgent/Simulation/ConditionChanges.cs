using System.Globalization;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using EdgeControl.DeviceAgent.Network;

namespace EdgeControl.DeviceAgent.Simulation;

/// <summary>
/// Watches the hosted users' network conditions as the twin draws them (a condition holds from one request of the
/// user to the next): prints each change, and the first condition of each user, and shapes the uplink to it when
/// the agent shapes one (<c>--shape-uplink</c>). Called from the users' one loop, so it needs no lock.
/// </summary>
internal sealed class ConditionChanges(Scenario scenario, UplinkShaper? shaper, TextWriter log)
{
    private readonly Dictionary<int, int> _conditionOf = [];

    public async Task ObserveAsync(Observation request, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(request);
        var known = _conditionOf.TryGetValue(request.User, out var before);
        if (known && before == request.NetworkCondition)
        {
            return;
        }

        _conditionOf[request.User] = request.NetworkCondition;
        var now = scenario.Conditions[request.NetworkCondition];
        var change = known ? $"{scenario.Conditions[before].Name} -> {now.Name}" : $"{now.Name} at start";
        log.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{scenario.Users[request.User].Name}: network {change} (uplink {now.UplinkMbps:0.###} Mbit/s; the twin's round trips {now.RttEdgeMs:0.#} ms edge, {now.RttCloudMs:0.#} ms cloud)"));
        if (shaper is not null)
        {
            await shaper.ApplyAsync(now, stop);
        }
    }
}
