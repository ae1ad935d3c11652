using EdgeControl.Core.Domain;
using EdgeControl.DeviceAgent.Network;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>
/// How the agent shapes its uplink: the exact tc invocation (checked by hand with tc in a throw-away network namespace,
/// see docs/device-protocol.md), and a failure written once. tc itself is not run on this machine's interfaces here.
/// </summary>
public sealed class UplinkShapingTests
{
    private const int LargestInput = 224 * 224 * 3;

    [Theory]
    // Slow uplink: a burst of two frames; the queue holds the largest input at 3 Mbit/s (150,528 B / 375 B/ms = 401.4 ms).
    [InlineData(3, "3mbit", "3028", "402ms")]
    [InlineData(2.5, "2.5mbit", "3028", "482ms")]
    // Fast uplink: 1 ms of rate is more than two frames; the queue never shallower than 50 ms.
    [InlineData(20, "20mbit", "3028", "61ms")]
    [InlineData(100, "100mbit", "12500", "50ms")]
    public void The_token_bucket_takes_the_conditions_rate_a_small_burst_and_a_queue_for_one_whole_input(
        double uplinkMbps, string rate, string burst, string latency)
    {
        var arguments = TbfShape.Arguments("veth-dev", uplinkMbps, LargestInput, mtu: 1500);

        Assert.Equal(["qdisc", "replace", "dev", "veth-dev", "root", "tbf", "rate", rate, "burst", burst, "latency", latency], arguments);
    }

    [Fact]
    public void The_bucket_holds_two_whole_packets_of_an_interface_with_a_large_mtu()
    {
        var arguments = TbfShape.Arguments("lo", 3, LargestInput, mtu: 65536);

        Assert.Equal("131100", arguments[arguments.ToList().IndexOf("burst") + 1]);
    }

    [Fact]
    public void The_shaper_runs_tc_itself_with_one_argument_per_word_and_no_shell()
    {
        using var log = new StringWriter();
        var shaper = new UplinkShaper("veth-dev", LargestInput, log);

        var command = shaper.Command(new NetworkCondition("weak", 3, 25, 90));

        Assert.Equal("tc", command.FileName);
        Assert.False(command.UseShellExecute);
        // veth-dev does not exist here: the MTU it cannot read is Ethernet's.
        Assert.Equal(TbfShape.Arguments("veth-dev", 3, LargestInput, TbfShape.EthernetMtu), command.ArgumentList);
    }

    [Fact]
    public async Task A_shaping_failure_is_written_once_and_the_agent_goes_on()
    {
        using var log = new StringWriter();
        // No such interface: tc refuses (and if tc is not installed, starting it fails): either way nothing is shaped.
        var shaper = new UplinkShaper("ec-no-such0", LargestInput, log);

        var first = await shaper.ApplyAsync(new NetworkCondition("regular", 20, 5, 40), CancellationToken.None);
        var second = await shaper.ApplyAsync(new NetworkCondition("weak", 3, 25, 90), CancellationToken.None);

        Assert.False(first);
        Assert.False(second);
        var line = Assert.Single(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("cannot shape the uplink (--shape-uplink ec-no-such0):", line, StringComparison.Ordinal);
    }
}
