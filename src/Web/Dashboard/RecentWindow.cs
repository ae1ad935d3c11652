namespace EdgeControl.Web.Dashboard;

/// <summary>Headline figures over the latest executed placements of all users.</summary>
public sealed record RecentWindow(int Requests, double MeanLatencyMs, double MeanEnergyJ, int Violations)
{
    public static readonly RecentWindow Empty = new(0, double.NaN, double.NaN, 0);

    public double ViolationShare => Requests == 0 ? double.NaN : (double)Violations / Requests;
}
