using System.Globalization;
using EdgeControl.Protocol;
using EdgeControl.Web.Decisions;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Telemetry;

/// <summary>
/// A device speaks only for itself: an outcome (its fields already checked) is admitted only for one of the device's
/// own users, with the ticket of a decision issued to this device for exactly this request id, user, action, target
/// and variant, within <see cref="OutcomeOptions.DecisionWindow"/> of its issue, measured after it, and only once
/// (a re-send under the same sequence is the same report). The same rule over REST and the device hub.
/// </summary>
internal sealed class OutcomeAdmission(
    DecisionTickets tickets, ReportedDecisions reported, OutcomeBounds bounds, IOptions<OutcomeOptions> options, TimeProvider clock)
{
    /// <summary>Null when <paramref name="outcome"/> is admitted (to be stored, or found stored); else why not, as "field: why".</summary>
    public string? Refusal(Guid nodeId, IReadOnlySet<string> hostedUsers, MeasuredOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(hostedUsers);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!hostedUsers.Contains(outcome.User))
        {
            return $"user: '{outcome.User}' is not a user this device hosts (its users are given when it registers).";
        }

        if (tickets.IssuedAt(nodeId, outcome) is not { } issuedAt)
        {
            return outcome.Ticket is null
                ? "ticket: The ticket of the decision (from Execute or the decisions answer) is required."
                : "ticket: Not the ticket of a decision issued to this device for this request id, user, action, target and variant.";
        }

        var settings = options.Value;
        var now = clock.GetUtcNow();
        if (issuedAt < now - settings.DecisionWindow)
        {
            return Invariant($"ticket: The decision was issued at {issuedAt:O}, more than {settings.DecisionWindow.TotalMinutes:0.#} minutes ago: its outcome is no longer accepted.");
        }

        if (issuedAt > now + settings.MaxClockSkew)
        {
            // Only a control plane whose clock runs far ahead signs such a ticket; accepting it would stretch the window.
            return Invariant($"ticket: The decision is stamped {issuedAt:O}, later than now ({now:O}).");
        }

        if (bounds.ObservedAfterIssue(outcome.ObservedAt, issuedAt) is { } early)
        {
            return $"observedAt: {early}";
        }

        var first = reported.Claim(nodeId, outcome.RequestId, outcome.Sequence, issuedAt);
        return first == outcome.Sequence
            ? null
            : Invariant($"requestId: The outcome of request '{outcome.RequestId}' was reported already (sequence {first}).");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
