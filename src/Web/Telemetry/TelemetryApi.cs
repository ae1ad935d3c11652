using EdgeControl.Data;
using EdgeControl.Web.Api;
using EdgeControl.Web.Devices;
using EdgeControl.Web.Observability;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdgeControl.Web.Telemetry;

internal static class TelemetryApi
{
    public const int MaxOutcomes = 1000;

    /// <summary>1,000 outcomes with every string at its longest stay well under this (about 400 bytes each).</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapTelemetryApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/telemetry").WithTags("Telemetry")
            .MapPost("/", PostAsync).Accepts<TelemetryBatchRequest>("application/json")
            .WithSummary("Post a batch of measured outcomes (device API key); idempotent by the device's sequence numbers")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(DeviceKeyAuthentication.PolicyName);
        return app;
    }

    private static async Task<Results<Ok<TelemetryBatchResponse>, ValidationProblem, ProblemHttpResult>> PostAsync(
        HttpRequest request, DecisionLogWriter writer, TimeProvider clock, EdgeControlMetrics metrics, CancellationToken cancellationToken)
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

        var (outcomes, errors) = Validate(body!);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (stored, rejected) = await writer.AppendAsync(DeviceClaims.NodeIdOf(request.HttpContext.User), outcomes, clock.GetUtcNow(), cancellationToken);
        metrics.StoredOverRest(stored, rejected.Count);
        return TypedResults.Ok(new TelemetryBatchResponse(
            stored, outcomes.Count - stored - rejected.Count, [.. rejected.Select(r => new RejectedSequence(r.Sequence, r.Reason))]));
    }

    private static (List<ValidOutcome> Outcomes, Dictionary<string, string[]> Errors) Validate(TelemetryBatchRequest body)
    {
        var outcomes = new List<ValidOutcome>();
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
            if (o.User is not null && o.User.Length is 0 or > DecisionLogEntity.MaxUserNameLength)
            {
                errors[$"{field}.user"] = [$"A user name is 1-{DecisionLogEntity.MaxUserNameLength} characters, or omitted."];
            }

            TextField.Check(errors, $"{field}.user", o.User, DecisionLogEntity.MaxUserNameLength);
            RequireText(errors, $"{field}.target", o.Target, DecisionLogEntity.MaxTargetLength);
            RequireText(errors, $"{field}.variant", o.Variant, DecisionLogEntity.MaxVariantLength);
            if (o.LatencyMs is not { } latency || !OutcomeLimits.LatencyFits(latency))
            {
                errors[$"{field}.latencyMs"] = [OutcomeLimits.LatencyRange];
            }

            if (o.EnergyJ is not { } energy || !OutcomeLimits.EnergyFits(energy))
            {
                errors[$"{field}.energyJ"] = [OutcomeLimits.EnergyRange];
            }

            if (o.Accuracy is not { } accuracy || !OutcomeLimits.AccuracyFits(accuracy))
            {
                errors[$"{field}.accuracy"] = [OutcomeLimits.AccuracyRange];
            }

            if (o.ObservedAt is null)
            {
                errors[$"{field}.observedAt"] = ["The time of the measurement (ISO 8601 with offset) is required."];
            }

            if (errors.Count == before)
            {
                outcomes.Add(new ValidOutcome(
                    o.Sequence!.Value, o.RequestId!, o.User, o.Target!, o.Variant!,
                    o.LatencyMs!.Value, o.EnergyJ!.Value, o.Accuracy!.Value, o.ObservedAt!.Value));
            }
        }

        return (outcomes, errors);
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
