using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Api;
using EdgeControl.Web.Topology;
using EdgeControl.Web.Workers;

namespace EdgeControl.Web.Decisions;

/// <summary>
/// Turns what a device knows about one pending request (<see cref="RequestContext"/>) into the <see cref="Observation"/>
/// the learner decides on: the device's own network and load, plus what the control plane knows (the user's requirements
/// and device class from the scenario, every server's current load: its worker's report, or the topology's). Shared by every way a device
/// can ask for a decision (the decisions endpoint and the device hub), so both validate and map a context the same way.
/// </summary>
internal sealed class ObservationMapper(TopologyTracker topology, WorkerRegistry workers)
{
    /// <summary>100 Gb/s: no access network of a device comes near it; a larger value is a unit mistake (bits vs bytes, kb/s).</summary>
    public const double MaxUplinkMbps = 100_000;

    /// <summary>One minute: a round trip beyond it is no usable link, so a larger value is a unit mistake.</summary>
    public const double MaxRttMs = 60_000;

    /// <summary>Far above any queue a device keeps; a larger value is a bug on the device.</summary>
    public const int MaxLocalLoad = 10_000;

    /// <summary>Scenario condition names are short words ("regular", "congested"); a longer one cannot match any.</summary>
    public const int MaxNetworkConditionLength = 64;

    /// <summary>
    /// The observation for <paramref name="context"/>, or the errors naming each bad field. <c>ScenarioLoaded</c> is
    /// false (and only the scenario-independent fields are checked) before the orchestrator has loaded a scenario.
    /// </summary>
    public MappedContext Map(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new Dictionary<string, string[]>();
        if (context.RequestId is not null && context.RequestId.Length is 0 or > DecisionLogEntity.MaxRequestIdLength)
        {
            errors["requestId"] = [$"A request id is 1-{DecisionLogEntity.MaxRequestIdLength} characters, or omitted (the control plane then makes one)."];
        }

        // Checked before anything echoes or looks up a value: the hub sends the request id back in Execute, the
        // decision log stores it, and an error message must not carry a NUL back to the device.
        TextField.Check(errors, "requestId", context.RequestId, DecisionLogEntity.MaxRequestIdLength);

        if (context.UplinkMbps is not (> 0 and <= MaxUplinkMbps))
        {
            errors["uplinkMbps"] = [$"The device's uplink in Mb/s is required and must be > 0 and <= {MaxUplinkMbps}."];
        }

        if (context.RttEdgeMs is not (>= 0 and <= MaxRttMs))
        {
            errors["rttEdgeMs"] = [$"The round trip to the edge in milliseconds is required and must be >= 0 and <= {MaxRttMs}."];
        }

        if (context.RttCloudMs is not (>= 0 and <= MaxRttMs))
        {
            errors["rttCloudMs"] = [$"The round trip to the cloud in milliseconds is required and must be >= 0 and <= {MaxRttMs}."];
        }

        if (context.LocalLoad is not (>= 0 and <= MaxLocalLoad))
        {
            errors["localLoad"] = [$"The requests still running on the device are required and must be >= 0 and <= {MaxLocalLoad}."];
        }

        if (string.IsNullOrEmpty(context.User))
        {
            errors["user"] = ["The user (its name in the scenario) is required."];
        }

        TextField.Check(errors, "user", context.User, DecisionLogEntity.MaxUserNameLength);
        TextField.Check(errors, "networkCondition", context.NetworkCondition, MaxNetworkConditionLength);

        var scenario = topology.Scenario;
        if (scenario is null)
        {
            return new MappedContext(null, errors, ScenarioLoaded: false);
        }

        var user = string.IsNullOrEmpty(context.User) ? -1 : topology.UserIndex(context.User);
        if (user < 0 && !errors.ContainsKey("user"))
        {
            errors["user"] = [$"'{context.User}' is not a user of scenario '{scenario.Name}' (users: {Listing(scenario.Users.Select(u => u.Name))})."];
        }

        var condition = -1;
        if (context.NetworkCondition is not null && !errors.ContainsKey("networkCondition"))
        {
            condition = IndexOfCondition(scenario, context.NetworkCondition);
            if (condition < 0)
            {
                errors["networkCondition"] = [$"'{context.NetworkCondition}' is not a network condition of scenario '{scenario.Name}' (one of {Listing(scenario.Conditions.Select(c => c.Name))}), or omit it."];
            }
        }

        if (errors.Count > 0)
        {
            return new MappedContext(null, errors, ScenarioLoaded: true);
        }

        var uplink = context.UplinkMbps!.Value;
        if (condition < 0)
        {
            condition = NearestCondition(scenario, uplink);
        }

        var profile = scenario.Users[user];
        var observation = new Observation(
            user,
            profile.DeviceClass,
            condition,
            uplink,
            context.RttEdgeMs!.Value,
            context.RttCloudMs!.Value,
            context.LocalLoad!.Value,
            // A server with a live worker: what the worker holds (running + queued); otherwise the tracked load.
            workers.ServerLoads(scenario, topology.ServerLoads()),
            profile.AccuracyRequirement,
            profile.SloMs,
            profile.EnergyWeight,
            // The twin's simulated clock means nothing for a live request, and no learner reads the arrival time.
            TimeSeconds: 0);
        return new MappedContext(observation, errors, ScenarioLoaded: true) { Scenario = scenario };
    }

    /// <summary>The first names, enough to show the spelling, without echoing a scenario of thousands of users.</summary>
    private static string Listing(IEnumerable<string> names)
    {
        const int Shown = 10;
        var list = names.Take(Shown + 1).ToList();
        return list.Count > Shown ? string.Join(", ", list.Take(Shown)) + ", ..." : string.Join(", ", list);
    }

    private static int IndexOfCondition(Scenario scenario, string name)
    {
        for (var c = 0; c < scenario.Conditions.Count; c++)
        {
            if (string.Equals(scenario.Conditions[c].Name, name, StringComparison.Ordinal))
            {
                return c;
            }
        }

        return -1;
    }

    /// <summary>
    /// The condition whose uplink is nearest to the measured one on a log scale: bandwidths span orders of magnitude
    /// (1 vs 10 vs 100 Mb/s), so 5 Mb/s is as far from 1 as from 25, as the learners' log-uplink feature sees it too.
    /// The uplink decides because it is what a device measures most directly; RTTs follow the server, not the radio.
    /// </summary>
    private static int NearestCondition(Scenario scenario, double uplinkMbps)
    {
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var c = 0; c < scenario.Conditions.Count; c++)
        {
            var distance = Math.Abs(Math.Log(uplinkMbps / scenario.Conditions[c].UplinkMbps));
            if (distance < bestDistance)
            {
                best = c;
                bestDistance = distance;
            }
        }

        return best;
    }
}
