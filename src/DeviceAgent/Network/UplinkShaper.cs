using System.ComponentModel;
using System.Diagnostics;
using EdgeControl.Core.Domain;

namespace EdgeControl.DeviceAgent.Network;

/// <summary>
/// Sets the device's uplink (<paramref name="device"/>'s egress, in the agent's network namespace) to the rate of
/// its user's network condition with <c>tc</c> (<see cref="TbfShape"/>), run as a process with arguments (no shell).
/// Needs root (CAP_NET_ADMIN); a failure is written once and the agent goes on with the uplink as it is. Only the rate
/// is shaped: the condition's round-trip times cannot be added here (netem is not in this kernel), so the device
/// measures and reports the real ones instead.
/// </summary>
internal sealed class UplinkShaper(string device, int largestInputBytes, TextWriter log)
{
    private int _failuresReported;

    /// <summary>The program and arguments for <paramref name="condition"/>.</summary>
    public ProcessStartInfo Command(NetworkCondition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var start = new ProcessStartInfo("tc") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in TbfShape.Arguments(device, condition.UplinkMbps, largestInputBytes, Mtu()))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>The interface's MTU from /sys/class/net (Linux), or Ethernet's when it cannot be read.</summary>
    private int Mtu()
    {
        try
        {
            return int.TryParse(File.ReadAllText(Path.Combine("/sys/class/net", device, "mtu")).Trim(), out var mtu) && mtu > 0 ? mtu : TbfShape.EthernetMtu;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return TbfShape.EthernetMtu;
        }
    }

    /// <summary>Shapes the uplink to <paramref name="condition"/>; true when tc did it.</summary>
    public async Task<bool> ApplyAsync(NetworkCondition condition, CancellationToken stop)
    {
        var start = Command(condition);
        var invocation = $"tc {string.Join(' ', start.ArgumentList)}";
        try
        {
            using var tc = Process.Start(start)!;
            var error = tc.StandardError.ReadToEndAsync(stop);
            _ = await tc.StandardOutput.ReadToEndAsync(stop);
            await tc.WaitForExitAsync(stop);
            var message = (await error).Trim();
            if (tc.ExitCode != 0)
            {
                FailedOnce($"`{invocation}` exited with {tc.ExitCode}: {message}");
                return false;
            }

            log.WriteLine($"shaped the uplink: {invocation}");
            return true;
        }
        catch (Win32Exception error)
        {
            FailedOnce($"cannot run tc ({error.Message})");
            return false;
        }
    }

    /// <summary>The first failure only: later ones fail for the same reason (no root, no such interface, no tc).</summary>
    private void FailedOnce(string why)
    {
        if (Interlocked.Exchange(ref _failuresReported, 1) == 0)
        {
            log.WriteLine($"cannot shape the uplink (--shape-uplink {device}): {why}; it stays as it is, and later failures are not repeated (tc needs root and an existing interface)");
        }
    }
}
