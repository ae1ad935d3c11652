namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// Lets the runtime's shared byte-array pool keep more buffers per core, before anything rents from it. Every message
/// a device sends is read into a 4 KB buffer that SignalR's WebSocket transport rents from that pool; by default it
/// keeps 32 arrays of a size per core, and with thousands of connections reading at once most rents missed and
/// allocated a new array that became garbage when returned. Measured at 3,000 devices (docs/results/control-plane/
/// bench-hub-3000.txt, section 11): 9 MB/s of the control plane's 61 MB/s were such arrays; with 1,024 per core,
/// a quarter to a third less allocated and a third less time paused for collections in alternated runs. The runtime
/// reads this setting only from the environment, once, at the pool's first use: so it is set here, first thing, unless
/// the operator set it.
/// </summary>
internal static class SharedBufferPool
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
