using EdgeControl.Core.Logging;

namespace EdgeControl.Web.Training;

/// <summary>
/// One decision-log row as its follower reads it: its id and transaction, the scenario it was decided on (null: stored
/// without its decision's context) and its values.
/// </summary>
internal sealed record FollowedRow(long Id, ulong TransactionId, string? Scenario, LoggedDecision Decision);
