using System.Globalization;

namespace EdgeControl.DeviceAgent.Network;

/// <summary>
/// The token-bucket filter that makes an interface's egress (the device's uplink) as fast as the user's network
/// condition says: <c>tc qdisc replace dev IFACE root tbf rate R burst B latency L</c>.
/// </summary>
internal static class TbfShape
{
    /// <summary>Ethernet's header: a frame is the MTU plus this.</summary>
    private const int FrameHeaderBytes = 14;

    /// <summary>The MTU of an Ethernet or veth interface, when the interface's own cannot be read.</summary>
    public const int EthernetMtu = 1500;

    /// <summary>The shallowest queue, for fast uplinks where one input drains in a few milliseconds.</summary>
    private const double MinimumLatencyMs = 50;

    /// <summary>
    /// The arguments of <c>tc</c>, one per word. Burst: 1 ms at the rate, at least two full frames of the interface
    /// (3,028 bytes at an MTU of 1,500): tbf must hold a whole packet's worth of tokens to send it at all (a loopback's
    /// 64 KB packets would otherwise never leave), and a bucket of more would let that much of each input (49-150 KB)
    /// pass at the interface's own speed, unshaped. Latency (how long a packet may
    /// wait in the queue before tbf drops it): the time the largest input takes at the rate, at least 50 ms, so one
    /// whole upload fits in the queue and is paced by the rate (as the twin's bytes / uplink says) rather than cut by
    /// drops and retransmissions; several concurrent uploads overflow it, as they would a real access uplink's buffer.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string device, double uplinkMbps, int largestInputBytes, int mtu = EthernetMtu)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(uplinkMbps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mtu);
        var bytesPerMs = uplinkMbps * 1e6 / 8 / 1000;
        var burst = Math.Max(2 * (mtu + FrameHeaderBytes), (int)Math.Ceiling(bytesPerMs));
        var latencyMs = Math.Max(MinimumLatencyMs, Math.Ceiling(largestInputBytes / bytesPerMs));
        return
        [
            "qdisc", "replace", "dev", device, "root", "tbf",
            "rate", string.Create(CultureInfo.InvariantCulture, $"{uplinkMbps:0.###}mbit"),
            "burst", burst.ToString(CultureInfo.InvariantCulture),
            "latency", string.Create(CultureInfo.InvariantCulture, $"{latencyMs:0}ms"),
        ];
    }
}
