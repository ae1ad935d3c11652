namespace EdgeControl.Core.Domain;

/// <summary>
/// Uplink power model P = alpha * throughput + beta (Huang et al., MobiSys 2012).
/// </summary>
public sealed record RadioProfile(string Name, double UplinkMilliwattsPerMbps, double BaseMilliwatts)
{
    /// <summary>Radio power in watts while sending at <paramref name="uplinkMbps"/>.</summary>
    public double UplinkPowerW(double uplinkMbps) => (UplinkMilliwattsPerMbps * uplinkMbps + BaseMilliwatts) / 1000.0;
}
