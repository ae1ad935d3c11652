using System.Globalization;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Simulation;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Topology;
using Microsoft.AspNetCore.SignalR;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// Turns a device's <see cref="RequestContext"/> into the <see cref="Observation"/> the policy decides on: the device's
/// network and load, the user's requirements from the scenario, the servers' loads from the live topology.
/// A bad context is a <see cref="HubException"/> naming the field.
/// </summary>
internal static class RequestContextReader
{
    /// <summary>No access network of the catalog comes near these; larger values are unit mistakes.</summary>
    private const double MaxUplinkMbps = 100_000;

    private const double MaxRttMs = 60_000;

    private const int MaxLocalLoad = 10_000;

    public static Observation Read(RequestContext? context, Scenario scenario, TopologyTracker topology, DateTimeOffset now)
    {
        if (context is null)
        {
            throw Invalid("requestContext", "A request context (JSON object) is required.");
        }

        if (string.IsNullOrEmpty(context.RequestId) || context.RequestId.Length > DecisionLogEntity.MaxRequestIdLength)
        {
            throw Invalid("requestContext.requestId", $"A request id of 1-{DecisionLogEntity.MaxRequestIdLength} characters is required.");
        }

        var user = string.IsNullOrEmpty(context.User) ? -1 : topology.UserIndex(context.User);
        if (user < 0)
        {
            throw Invalid("requestContext.user", $"'{context.User}' is not a user of scenario '{scenario.Name}' (e.g. '{scenario.Users[0].Name}').");
        }

        if (context.UplinkMbps is not (> 0 and <= MaxUplinkMbps))
        {
            throw Invalid("requestContext.uplinkMbps", $"The uplink bandwidth in Mbit/s must be > 0 and <= {MaxUplinkMbps}.");
        }

        if (context.RttEdgeMs is not (>= 0 and <= MaxRttMs))
        {
            throw Invalid("requestContext.rttEdgeMs", $"The round-trip time to the edge in ms must be >= 0 and <= {MaxRttMs}.");
        }

        if (context.RttCloudMs is not (>= 0 and <= MaxRttMs))
        {
            throw Invalid("requestContext.rttCloudMs", $"The round-trip time to the cloud in ms must be >= 0 and <= {MaxRttMs}.");
        }

        if (context.LocalLoad is not (>= 0 and <= MaxLocalLoad))
        {
            throw Invalid("requestContext.localLoad", $"The requests running on the device must be >= 0 and <= {MaxLocalLoad}.");
        }

        var condition = -1;
        for (var c = 0; c < scenario.Conditions.Count; c++)
        {
            if (string.Equals(scenario.Conditions[c].Name, context.NetworkCondition, StringComparison.Ordinal))
            {
                condition = c;
            }
        }

        if (condition < 0)
        {
            throw Invalid("requestContext.networkCondition", $"One of the scenario's network conditions is required ({string.Join(", ", scenario.Conditions.Select(c => c.Name))}).");
        }

        var profile = scenario.Users[user];
        return new Observation(
            user,
            profile.DeviceClass,
            condition,
            context.UplinkMbps.Value,
            context.RttEdgeMs.Value,
            context.RttCloudMs.Value,
            context.LocalLoad.Value,
            topology.ServerLoads(),
            profile.AccuracyRequirement,
            profile.SloMs,
            profile.EnergyWeight,
            now.ToUnixTimeMilliseconds() / 1000.0);
    }

    private static HubException Invalid(string field, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{field}: {message}"));
}
