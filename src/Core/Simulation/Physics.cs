using EdgeControl.Core.Domain;

namespace EdgeControl.Core.Simulation;

/// <summary>
/// The twin's physics (docs/physics.md): compute = MACs / throughput stretched by processor sharing,
/// transfer = input bytes / uplink + RTT (+ the server's measured service overhead, 0 by default), device energy from
/// board and radio power.
/// </summary>
public static class Physics
{
    /// <summary>The outcome without measurement noise: what the oracle optimises.</summary>
    public static Outcome Expected(Scenario scenario, Observation request, PlacementAction action) =>
        Execute(scenario, request, action, computeNoise: 1.0, transferNoise: 1.0);

    /// <param name="computeNoise">Multiplier on compute time (1 = as profiled).</param>
    /// <param name="transferNoise">Multiplier on transfer time (1 = as the bandwidth says).</param>
    public static Outcome Execute(Scenario scenario, Observation request, PlacementAction action, double computeNoise, double transferNoise)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(request);
        // Requests already running on the target node (the request's own device or the server).
        var inFlight = action.IsLocal ? request.LocalLoad : request.ServerLoads[action.Server];
        var user = scenario.Users[request.User];
        var variant = scenario.Catalog[action.Variant];
        if (action.IsLocal)
        {
            var device = user.Device;
            var workMs = ComputeMs(variant, device) * computeNoise;
            var latencyMs = workMs * Slowdown(inFlight, device.Slots);
            var energyMilliJ = device.ActivePowerW * workMs + device.IdlePowerW * (latencyMs - workMs);
            return new Outcome(latencyMs, energyMilliJ / 1000.0, variant.Top1);
        }

        var server = scenario.Servers[action.Server];
        if (!server.Reachable)
        {
            return Lost(user, variant, request.UplinkMbps, transferNoise);
        }

        var rttMs = server.Tier == Tier.Edge ? request.RttEdgeMs : request.RttCloudMs;
        var transferMs = TransferMs(variant, request.UplinkMbps) * transferNoise;
        var computeMs = ComputeMs(variant, server.Profile) * computeNoise * Slowdown(inFlight, server.Profile.Slots);
        // The server's per-request overhead (0 unless measured) is not compute: processor sharing does not stretch it.
        var waitMs = rttMs + computeMs + server.Profile.ServiceOverheadMs;
        return new Outcome(transferMs + waitMs, OffloadEnergyJ(user, request.UplinkMbps, transferMs, waitMs), variant.Top1);
    }

    /// <summary>
    /// Device energy of an offloaded request, in joules: the radio sends at the uplink's power for
    /// <paramref name="sendingMs"/>, then the board idles for <paramref name="waitingMs"/> until the answer (or the
    /// timeout). The real device agent applies it to the times it measures, so twin and testbed count energy alike.
    /// </summary>
    public static double OffloadEnergyJ(User user, double uplinkMbps, double sendingMs, double waitingMs)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (user.Radio.UplinkPowerW(uplinkMbps) * sendingMs + user.Device.IdlePowerW * waitingMs) / 1000.0;
    }

    /// <summary>
    /// How long a device waits for an answer from a server that is gone before it gives up, in multiples of the
    /// request's SLO: client timeouts are set a few times above the latency the request expects.
    /// </summary>
    public const double TimeoutSlos = 5.0;

    /// <summary>
    /// A request sent to an unreachable server: the device sends the input (until the timeout at most), waits
    /// idle until the timeout and gets no result (accuracy 0, so it also misses its accuracy requirement).
    /// Nothing occupies the server. The real device agent reports a failed offload (refused, timed out, turned away)
    /// with it, so a lost request counts the same in the twin and on the testbed.
    /// </summary>
    public static Outcome Lost(User user, ModelVariant variant, double uplinkMbps, double transferNoise = 1.0)
    {
        ArgumentNullException.ThrowIfNull(user);
        var timeoutMs = TimeoutMs(user);
        var sendingMs = Math.Min(TransferMs(variant, uplinkMbps) * transferNoise, timeoutMs);
        return new Outcome(timeoutMs, OffloadEnergyJ(user, uplinkMbps, sendingMs, timeoutMs - sendingMs), Accuracy: 0.0);
    }

    /// <summary>How long <paramref name="user"/>'s device waits for a server's answer: <see cref="TimeoutSlos"/> times its SLO.</summary>
    public static double TimeoutMs(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return TimeoutSlos * user.SloMs;
    }

    /// <summary>The node's own measured time for the variant where it has one, else MMACs / (GMAC/s), which is milliseconds.</summary>
    public static double ComputeMs(ModelVariant variant, NodeProfile node)
    {
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(node);
        return node.MeasuredMs is not null && node.MeasuredMs.TryGetValue(variant.Name, out var measured)
            ? measured
            : variant.MegaMacs / node.GigaMacsPerSecond;
    }

    /// <summary>bytes * 8 / (Mbit/s * 1e6) seconds, in milliseconds.</summary>
    public static double TransferMs(ModelVariant variant, double uplinkMbps)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return variant.InputBytes * 8.0 / (uplinkMbps * 1000.0);
    }

    /// <summary>
    /// Processor sharing: with n requests already in flight on a node of s slots, a new request
    /// gets max(1, (n + 1) / s) times its unloaded compute time.
    /// </summary>
    public static double Slowdown(int inFlight, int slots) => Math.Max(1.0, (inFlight + 1.0) / slots);
}
