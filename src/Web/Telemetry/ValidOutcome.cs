using EdgeControl.Protocol;

namespace EdgeControl.Web.Telemetry;

/// <summary>An outcome to store: every field present and in range, and admitted as the answer to a decision of its device.</summary>
internal sealed record ValidOutcome(
    long Sequence,
    string RequestId,
    string? User,
    string Target,
    string Variant,
    double LatencyMs,
    double EnergyJ,
    double Accuracy,
    DateTimeOffset ObservedAt)
{
    /// <summary>What <c>decision_log</c> keeps of an admitted outcome (the action and ticket were for checking it).</summary>
    public static ValidOutcome Of(MeasuredOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new(outcome.Sequence, outcome.RequestId, outcome.User, outcome.Target, outcome.Variant,
            outcome.LatencyMs, outcome.EnergyJ, outcome.Accuracy, outcome.ObservedAt);
    }
}
