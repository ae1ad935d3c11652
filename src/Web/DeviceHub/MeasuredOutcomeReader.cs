using EdgeControl.Data;
using EdgeControl.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// Checks a device's reported outcomes with the same limits as the telemetry endpoint. A bad field refuses that one
/// outcome (by its sequence, naming the field), never the report: the device's other outcomes are stored as usual.
/// Only a report that cannot be answered outcome by outcome (no list, too many, an outcome without a sequence) is a
/// <see cref="HubException"/>.
/// </summary>
internal static class MeasuredOutcomeReader
{
    private const double MaxLatencyMs = 600_000;

    private const double MaxEnergyJ = 10_000;

    public static IReadOnlyList<ReadOutcome> Read(IReadOnlyList<MeasuredOutcome?>? outcomes)
    {
        if (outcomes is not { Count: > 0 and <= DeviceHubContract.MaxOutcomesPerReport })
        {
            throw new HubException($"outcomes: A report holds 1-{DeviceHubContract.MaxOutcomesPerReport} outcomes.");
        }

        var read = new List<ReadOutcome>(outcomes.Count);
        for (var i = 0; i < outcomes.Count; i++)
        {
            var field = $"outcomes[{i}]";
            var o = outcomes[i] ?? throw new HubException($"{field}: An outcome must be a JSON object.");
            if (o.Sequence < 0)
            {
                throw new HubException($"{field}.sequence: A sequence number >= 0 is required.");
            }

            var problem = Problem(o);
            read.Add(new ReadOutcome(o.Sequence, problem is null ? o : null, problem is null ? null : $"{field}.{problem}"));
        }

        return read;
    }

    /// <summary>The first field of <paramref name="o"/> that is refused, as "field: why", or null.</summary>
    private static string? Problem(MeasuredOutcome o) =>
        Text(o.RequestId, "requestId", DecisionLogEntity.MaxRequestIdLength)
        ?? Text(o.User, "user", DecisionLogEntity.MaxUserNameLength)
        ?? (o.Action >= 0 ? null : "action: The action index of the executed command is required.")
        ?? Text(o.Target, "target", DecisionLogEntity.MaxTargetLength)
        ?? Text(o.Variant, "variant", DecisionLogEntity.MaxVariantLength)
        ?? (o.LatencyMs is > 0 and < MaxLatencyMs ? null : $"latencyMs: Latency in milliseconds must be > 0 and < {MaxLatencyMs}.")
        ?? (o.EnergyJ is >= 0 and < MaxEnergyJ ? null : $"energyJ: Energy in joules must be >= 0 and < {MaxEnergyJ}.")
        ?? (o.Accuracy is >= 0 and <= 1 ? null : "accuracy: Accuracy must be in [0, 1].")
        ?? (o.ObservedAt != default ? null : "observedAt: The time of the measurement is required.");

    private static string? Text(string? value, string field, int maxLength) =>
        string.IsNullOrEmpty(value) || value.Length > maxLength ? $"{field}: A string of 1-{maxLength} characters is required."
        : value.Any(char.IsControl) ? $"{field}: Control characters (U+0000-U+001F, U+007F-U+009F) are not allowed."
        : null;
}
