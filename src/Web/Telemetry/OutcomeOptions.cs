namespace EdgeControl.Web.Telemetry;

/// <summary>What a reported outcome must be to be accepted, over REST and the device hub alike (section <c>Outcomes</c>).</summary>
internal sealed class OutcomeOptions
{
    public const string SectionName = "Outcomes";

    /// <summary>
    /// How long after a decision was issued its outcome is accepted. Also how long the control plane remembers which
    /// decisions were reported (about 45 bytes each), so a second report is refused; a device that was offline longer
    /// than this loses those outcomes (refused, never stored).
    /// </summary>
    public TimeSpan DecisionWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How far a device's clock (<c>observedAt</c>) may be from the control plane's, either way.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Ten minutes: no inference request of the catalog comes near it, so a larger value is a unit mistake.</summary>
    public double MaxLatencyMs { get; set; } = 600_000;

    /// <summary>10 kJ per request is far beyond any device or server of the catalog; a larger value is a unit mistake.</summary>
    public double MaxEnergyJ { get; set; } = 10_000;
}
