namespace EdgeControl.DeviceAgent.Bench;

/// <summary>
/// The benchmark client's own garbage-collection pauses. One process stands in for thousands of devices, and while it
/// is paused no device of it reads its answers: every round trip that ends during a pause is longer by what is left of
/// it, although the control plane answered in time. Printed beside the percentiles, so a tail the load generator made
/// can be told from one the control plane made (docs/results/control-plane/bench-hub-3000.txt, section 14).
/// </summary>
internal readonly record struct ClientPauses(int Collections, TimeSpan Paused)
{
    /// <summary>Collections of any generation (every one counts as a gen0 collection) and time paused since start.</summary>
    public static ClientPauses Now() => new(GC.CollectionCount(0), GC.GetTotalPauseDuration());

    public static ClientPauses operator -(ClientPauses later, ClientPauses earlier) =>
        new(later.Collections - earlier.Collections, later.Paused - earlier.Paused);
}
