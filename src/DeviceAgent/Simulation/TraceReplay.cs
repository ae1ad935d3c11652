namespace EdgeControl.DeviceAgent.Simulation;

/// <summary>
/// Replays the hosted users' requests from the start of their trace at <see cref="From"/> and every <see cref="Every"/>
/// after it: the same arrivals, network conditions (so the same shaped uplink) and twin draws each time. An A/B
/// experiment aligns its windows with these instants, so every policy is measured on the same requests under the same
/// network rather than on whatever the Markov chain happened to draw during its window (common random numbers).
/// Wall-clock instants, so agents in separate processes replay together.
/// </summary>
internal sealed record TraceReplay(DateTimeOffset From, TimeSpan Every)
{
    /// <summary>The first replay instant at or after <paramref name="now"/>.</summary>
    public DateTimeOffset FirstAtOrAfter(DateTimeOffset now)
    {
        if (now <= From)
        {
            return From;
        }

        var periods = Math.Ceiling((now - From) / Every);
        return From + (Every * periods);
    }
}
