namespace EdgeControl.Core.Buffers;

/// <summary>
/// Lets the runtime's shared byte-array pool keep more buffers per core, before anything rents from it, in a process
/// that holds thousands of hub connections: the control plane, and the device agent's hub benchmark standing in for a
/// fleet. Every message is read into a 4 KB buffer that SignalR's WebSocket transport rents from that pool; by default
/// it keeps 32 arrays of a size per core, and with thousands of connections reading at once most rents missed and
/// allocated a new array that became garbage when returned. Measured at 3,000 devices (docs/results/control-plane/
/// bench-hub-3000.txt): on the control plane 9 MB/s of its 61 MB/s were such arrays, and with 1,024 per core a quarter
/// to a third less was allocated and a third less time paused (section 11); in the benchmark client, 3 collections and
/// 0.21-0.23 s paused in a 30 s window instead of 5-6 and 0.44-0.63 s (section 14). A process with one connection (a
/// device) never fills the pool, so it costs nothing there. The runtime reads this setting only from the environment,
/// once, at the pool's first use: so it is set first thing, unless the operator set it.
/// </summary>
public static class SharedBufferPool
{
    public const string Setting = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    /// <summary>Arrays kept per size and core: 4 MB of 4 KB buffers per core at most, and the pool trims what stays unused.</summary>
    public const int ArraysPerCore = 1024;

    public static void Enlarge()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Setting)))
        {
            Environment.SetEnvironmentVariable(Setting, ArraysPerCore.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
