using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Api;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace EdgeControl.Web.DeviceHub;

/// <summary>
/// Checks the fields of a device's reported outcomes with the same rules as the telemetry endpoint. A bad field refuses that one
/// outcome (by its sequence, naming the field), never the report: the device's other outcomes are stored as usual.
/// Only a report that cannot be answered outcome by outcome (no list, too many, an outcome without a sequence) is a
/// <see cref="HubException"/>.
/// </summary>
internal static class MeasuredOutcomeReader
{
    public static IReadOnlyList<ReadOutcome> Read(IReadOnlyList<MeasuredOutcome?>? outcomes, OutcomeBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
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

            var problem = Problem(o, bounds);
            read.Add(new ReadOutcome(o.Sequence, problem is null ? o : null, problem is null ? null : $"{field}.{problem}"));
        }

        return read;
    }

    /// <summary>The first field of <paramref name="o"/> that is refused, as "field: why", or null.</summary>
    private static string? Problem(MeasuredOutcome o, OutcomeBounds bounds) =>
        Text(o.RequestId, "requestId", DecisionLogEntity.MaxRequestIdLength)
        ?? Text(o.User, "user", DecisionLogEntity.MaxUserNameLength)
        ?? (o.Action >= 0 ? null : "action: The action index of the executed command is required.")
        ?? Text(o.Target, "target", DecisionLogEntity.MaxTargetLength)
        ?? Text(o.Variant, "variant", DecisionLogEntity.MaxVariantLength)
        ?? Field("latencyMs", bounds.Latency(o.LatencyMs))
        ?? Field("energyJ", bounds.Energy(o.EnergyJ))
        ?? Field("accuracy", OutcomeBounds.Accuracy(o.Accuracy))
        ?? Field("observedAt", bounds.ObservedAt(o.ObservedAt))
        // Missing or wrong, the admission refuses it; here only text no ticket can be.
        ?? Field("ticket", TextField.Problem(o.Ticket, DecisionTickets.Length));

    private static string? Field(string field, string? problem) => problem is null ? null : $"{field}: {problem}";

    private static string? Text(string? value, string field, int maxLength) =>
        value is null ? $"{field}: A string of 1-{maxLength} characters is required."
        : TextField.Problem(value, maxLength) is { } problem ? $"{field}: {problem}"
        : null;
}
