using EdgeControl.Data;
using EdgeControl.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace EdgeControl.Web.DeviceHub;

/// <summary>Checks a device's reported outcomes with the same limits as the telemetry endpoint; a bad one is a <see cref="HubException"/> naming the field.</summary>
internal static class MeasuredOutcomeReader
{
    private const double MaxLatencyMs = 600_000;

    private const double MaxEnergyJ = 10_000;

    public static IReadOnlyList<MeasuredOutcome> Read(IReadOnlyList<MeasuredOutcome?>? outcomes)
    {
        if (outcomes is not { Count: > 0 and <= DeviceHubContract.MaxOutcomesPerReport })
        {
            throw Invalid("outcomes", $"A report holds 1-{DeviceHubContract.MaxOutcomesPerReport} outcomes.");
        }

        var valid = new List<MeasuredOutcome>(outcomes.Count);
        for (var i = 0; i < outcomes.Count; i++)
        {
            var field = $"outcomes[{i}]";
            var o = outcomes[i] ?? throw Invalid(field, "An outcome must be a JSON object.");
            Require(o.Sequence >= 0, $"{field}.sequence", "A sequence number >= 0 is required.");
            RequireText(o.RequestId, $"{field}.requestId", DecisionLogEntity.MaxRequestIdLength);
            RequireText(o.User, $"{field}.user", DecisionLogEntity.MaxUserNameLength);
            Require(o.Action >= 0, $"{field}.action", "The action index of the executed command is required.");
            RequireText(o.Target, $"{field}.target", DecisionLogEntity.MaxTargetLength);
            RequireText(o.Variant, $"{field}.variant", DecisionLogEntity.MaxVariantLength);
            Require(o.LatencyMs is > 0 and < MaxLatencyMs, $"{field}.latencyMs", $"Latency in milliseconds must be > 0 and < {MaxLatencyMs}.");
            Require(o.EnergyJ is >= 0 and < MaxEnergyJ, $"{field}.energyJ", $"Energy in joules must be >= 0 and < {MaxEnergyJ}.");
            Require(o.Accuracy is >= 0 and <= 1, $"{field}.accuracy", "Accuracy must be in [0, 1].");
            Require(o.ObservedAt != default, $"{field}.observedAt", "The time of the measurement is required.");
            valid.Add(o);
        }

        return valid;
    }

    private static void RequireText(string? value, string field, int maxLength) =>
        Require(!string.IsNullOrEmpty(value) && value.Length <= maxLength, field, $"A string of 1-{maxLength} characters is required.");

    private static void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw Invalid(field, message);
        }
    }

    private static HubException Invalid(string field, string message) => new($"{field}: {message}");
}
