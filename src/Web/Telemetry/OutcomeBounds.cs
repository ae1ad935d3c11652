using System.Globalization;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Telemetry;

/// <summary>
/// The physical bounds of a measured outcome, one rule per field and the same over REST and the device hub: each
/// check answers null when the value fits, else why it does not.
/// </summary>
internal sealed class OutcomeBounds(IOptions<OutcomeOptions> options, TimeProvider clock)
{
    private OutcomeOptions Settings => options.Value;

    public string? Latency(double latencyMs) => latencyMs > 0 && latencyMs < Settings.MaxLatencyMs
        ? null
        : Invariant($"Latency in milliseconds must be > 0 and < {Settings.MaxLatencyMs}.");

    /// <summary>A request costs its device some energy even when it runs elsewhere (the radio, waiting): never 0.</summary>
    public string? Energy(double energyJ) => energyJ > 0 && energyJ < Settings.MaxEnergyJ
        ? null
        : Invariant($"Energy in joules must be > 0 and < {Settings.MaxEnergyJ}.");

    public static string? Accuracy(double accuracy) => accuracy is >= 0 and <= 1 ? null : "Accuracy must be in [0, 1].";

    /// <summary>Within <see cref="OutcomeOptions.MaxClockSkew"/> of now: 0001-01-01 (stored as -infinity once) or next year is no measurement.</summary>
    public string? ObservedAt(DateTimeOffset observedAt)
    {
        var skew = Settings.MaxClockSkew;
        var now = clock.GetUtcNow();
        return observedAt >= now - skew && observedAt <= now + skew
            ? null
            : Invariant($"The time of the measurement must be within {skew.TotalMinutes:0.#} minutes of the control plane's clock ({now:O}).");
    }

    /// <summary>A device cannot have measured a decision before it was made (give or take the clocks' skew).</summary>
    public string? ObservedAfterIssue(DateTimeOffset observedAt, DateTimeOffset issuedAt) =>
        observedAt >= issuedAt - Settings.MaxClockSkew
            ? null
            : Invariant($"The measurement ({observedAt:O}) is from before the decision was issued ({issuedAt:O}).");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
