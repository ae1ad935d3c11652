using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Api;
using EdgeControl.Web.Decisions;
using EdgeControl.Web.Devices;
using EdgeControl.Web.Observability;
using Microsoft.AspNetCore.Http.HttpResults;
using EdgeControl.Web.ApiReference;

namespace EdgeControl.Web.Telemetry;

internal static class TelemetryApi
{
    public const int MaxOutcomes = 1000;

    /// <summary>1,000 outcomes with every string at its longest stay well under this (about 400 bytes each).</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapTelemetryApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/telemetry").WithTags(ApiTags.Telemetry)
            .MapPost("/", PostAsync).WithName("reportTelemetry").Accepts<TelemetryBatchRequest>("application/json")
            .WithSummary("Post a batch of measured outcomes (device API key); idempotent by the device's sequence numbers")
            .WithDescription("Each outcome answers one decision issued to this device (POST /api/v1/decisions or the hub's Execute): its requestId, user, action, target, variant and ticket as the decision gave them, within Outcomes:DecisionWindow of the decision, once. An outcome that does not is listed in 'rejected' with the reason and never stored.")
            .RequireAuthorization(DeviceKeyAuthentication.PolicyName);
        return app;
    }

    private static async Task<Results<Ok<TelemetryBatchResponse>, ValidationProblem, ProblemHttpResult>> PostAsync(
        HttpRequest request, DecisionLogWriter writer, OutcomeBounds bounds, OutcomeAdmission admission, ExecutedDecisions executed,
        HostedUsers hostedUsers, TimeProvider clock, EdgeControlMetrics metrics, CancellationToken cancellationToken)
    {
        var (body, invalid, tooLarge) = await StrictJsonBody.ReadAsync<TelemetryBatchRequest>(request, cancellationToken, MaxBodyBytes);
        if (invalid is not null)
        {
            return invalid;
        }

        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var (outcomes, errors) = Validate(body!, bounds);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var device = DeviceClaims.NodeIdOf(request.HttpContext.User);
        var users = await hostedUsers.OfAsync(device, cancellationToken);
        var admitted = new List<StagedOutcome>(outcomes.Count);
        var rejected = new List<RejectedSequence>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i];
            if (admission.Refusal(device, users, o) is { } refusal)
            {
                rejected.Add(new RejectedSequence(o.Sequence, $"outcomes[{i}].{refusal}"));
                continue;
            }

            admitted.Add(executed.Stage(device, o));
        }

        var (stored, refusedByDatabase) = admitted.Count == 0
            ? new AppendResult(0, [])
            : await writer.AppendAsync(admitted, clock.GetUtcNow(), cancellationToken);
        // Only now: had the database failed, the device's re-send would need the decisions' context again.
        executed.Stored(admitted);
        rejected.AddRange(refusedByDatabase.Select(r => new RejectedSequence(r.Sequence, r.Reason)));
        metrics.StoredOverRest(stored, rejected.Count);
        return TypedResults.Ok(new TelemetryBatchResponse(stored, admitted.Count - stored - refusedByDatabase.Count, rejected));
    }

    /// <summary>
    /// Every field of every outcome present and in its physical range (else 400 naming it, nothing stored); the
    /// outcomes in batch order. Whether each answers a decision of this device is the admission's to say, outcome by outcome.
    /// </summary>
    private static (List<MeasuredOutcome> Outcomes, Dictionary<string, string[]> Errors) Validate(TelemetryBatchRequest body, OutcomeBounds bounds)
    {
        var outcomes = new List<MeasuredOutcome>();
        var errors = new Dictionary<string, string[]>();
        if (body.Outcomes is not { Count: > 0 and <= MaxOutcomes })
        {
            errors["outcomes"] = [$"A batch holds 1-{MaxOutcomes} outcomes."];
            return (outcomes, errors);
        }

        var firstIndexOfSequence = new Dictionary<long, int>();
        for (var i = 0; i < body.Outcomes.Count; i++)
        {
            var field = $"outcomes[{i}]";
            if (body.Outcomes[i] is not { } o)
            {
                errors[field] = ["An outcome must be a JSON object."];
                continue;
            }

            var before = errors.Count;
            if (o.Sequence is not >= 0)
            {
                errors[$"{field}.sequence"] = ["A sequence number >= 0 is required."];
            }
            else if (!firstIndexOfSequence.TryAdd(o.Sequence.Value, i))
            {
                errors[$"{field}.sequence"] = [$"Sequence {o.Sequence} appears already at outcomes[{firstIndexOfSequence[o.Sequence.Value]}]."];
            }

            RequireText(errors, $"{field}.requestId", o.RequestId, DecisionLogEntity.MaxRequestIdLength);
            RequireText(errors, $"{field}.user", o.User, DecisionLogEntity.MaxUserNameLength);
            if (o.Action is not >= 0)
            {
                errors[$"{field}.action"] = ["The action index of the decision (as the decision gave it) is required."];
            }

            RequireText(errors, $"{field}.target", o.Target, DecisionLogEntity.MaxTargetLength);
            RequireText(errors, $"{field}.variant", o.Variant, DecisionLogEntity.MaxVariantLength);
            Check(errors, $"{field}.latencyMs", o.LatencyMs is { } latency ? bounds.Latency(latency) : "Latency in milliseconds is required.");
            Check(errors, $"{field}.energyJ", o.EnergyJ is { } energy ? bounds.Energy(energy) : "Energy in joules is required.");
            Check(errors, $"{field}.accuracy", o.Accuracy is { } accuracy ? OutcomeBounds.Accuracy(accuracy) : "Accuracy in [0, 1] is required.");
            Check(errors, $"{field}.observedAt", o.ObservedAt is { } observedAt
                ? bounds.ObservedAt(observedAt)
                : "The time of the measurement (ISO 8601 with offset) is required.");
            // Missing or wrong, a ticket refuses its outcome alone (in "rejected"); only text no ticket can be is a 400.
            TextField.Check(errors, $"{field}.ticket", o.Ticket, DecisionTickets.Length);

            if (errors.Count == before)
            {
                outcomes.Add(new MeasuredOutcome(
                    o.Sequence!.Value, o.RequestId!, o.User!, o.Action!.Value, o.Target!, o.Variant!,
                    o.LatencyMs!.Value, o.EnergyJ!.Value, o.Accuracy!.Value, o.ObservedAt!.Value, o.Ticket));
            }
        }

        return (outcomes, errors);
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? problem)
    {
        if (problem is not null)
        {
            errors[field] = [problem];
        }
    }

    /// <summary>A NUL here once made PostgreSQL refuse the whole COPY of a batch (22021), so the text rule is checked too.</summary>
    private static void RequireText(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value) || value.Length > maxLength)
        {
            errors[field] = [$"A string of 1-{maxLength} characters is required."];
        }

        TextField.Check(errors, field, value, maxLength);
    }
}
