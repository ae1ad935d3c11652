namespace EdgeControl.Web.Telemetry;

/// <summary>The ranges a measured outcome must fall in, the same over REST and the device hub.</summary>
internal static class OutcomeLimits
{
    /// <summary>Ten minutes: no inference request of the catalog comes near it, so a larger value is a unit mistake.</summary>
    public const double MaxLatencyMs = 600_000;

    /// <summary>10 kJ per request is far beyond any device or server of the catalog; a larger value is a unit mistake.</summary>
    public const double MaxEnergyJ = 10_000;

    public static readonly string LatencyRange = $"Latency in milliseconds must be > 0 and < {MaxLatencyMs}.";

    public static readonly string EnergyRange = $"Energy in joules must be >= 0 and < {MaxEnergyJ}.";

    public const string AccuracyRange = "Accuracy must be in [0, 1].";

    public static bool LatencyFits(double latencyMs) => latencyMs is > 0 and < MaxLatencyMs;

    public static bool EnergyFits(double energyJ) => energyJ is >= 0 and < MaxEnergyJ;

    public static bool AccuracyFits(double accuracy) => accuracy is >= 0 and <= 1;
}
