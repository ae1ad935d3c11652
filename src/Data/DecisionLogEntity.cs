namespace EdgeControl.Data;

/// <summary>
/// One measured outcome of a placement decision as a device reported it: the row the learners replay and the
/// dashboard charts. It grows fastest of all tables, so it is written in batches by binary COPY.
/// </summary>
public sealed class DecisionLogEntity
{
    public const int MaxRequestIdLength = 64;
    public const int MaxUserNameLength = 64;
    public const int MaxTargetLength = 32;
    public const int MaxVariantLength = 64;
    public const int MaxServedByLength = 32;
    public const int MaxNetworkConditionLength = 64;
    public const int MaxScenarioLength = 200;

    public long Id { get; set; }

    /// <summary>
    /// The transaction that stored the row (<c>pg_current_xact_id()</c>, set by the database). Readers that follow the
    /// log (the trainer of any instance) go by it, not by <see cref="Id"/>: ids are taken before commit and commit out
    /// of order, whereas every transaction below <c>pg_snapshot_xmin(pg_current_snapshot())</c> has ended, so a reader
    /// that moves that horizon forward reads each row exactly once.
    /// </summary>
    public ulong TransactionId { get; set; }

    /// <summary>The device that ran (or dispatched) the request and reported the outcome.</summary>
    public Guid NodeId { get; set; }

    /// <summary>The device's own counter: (node, sequence) is unique, so a batch sent twice is stored once.</summary>
    public long Sequence { get; set; }

    public required string RequestId { get; set; }

    /// <summary>The user on the device the request came from; null when the device does not say.</summary>
    public string? UserName { get; set; }

    /// <summary>Where the request ran (device, edge or cloud node).</summary>
    public required string Target { get; set; }

    public required string Variant { get; set; }

    public double LatencyMs { get; set; }

    public double EnergyJ { get; set; }

    public double Accuracy { get; set; }

    /// <summary>The learner's reward for the outcome; null until a learner has scored it.</summary>
    public double? Reward { get; set; }

    /// <summary>When the device measured the outcome (its clock).</summary>
    public DateTimeOffset ObservedAt { get; set; }

    /// <summary>When the control plane stored it (its clock).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    // The request context the decision answered, as the learner saw it: with the action and the probability the
    // serving policy chose it with, a row is an experience a learner can replay and an off-policy estimate can weigh.
    // Null on rows stored before the context was logged, and for outcomes whose decision the control plane no longer held.

    /// <summary>
    /// The name of the scenario the decision was made on: the action index and the observation mean something only in
    /// it, so a learner of another scenario skips the row.
    /// </summary>
    public string? Scenario { get; set; }

    /// <summary>The action index in the scenario's action space (server x variant), as the decision carried it.</summary>
    public int? Action { get; set; }

    /// <summary>The probability with which the serving policy chose <see cref="Action"/> (1 for a greedy or fixed policy).</summary>
    public double? ActionProbability { get; set; }

    /// <summary>Which policy decided: <c>learned</c> (the run's learner) or a fixed policy's name (<c>local</c>, <c>edge</c>, <c>cloud</c>, <c>profile-greedy</c>...).</summary>
    public string? ServedBy { get; set; }

    public double? UplinkMbps { get; set; }

    public double? RttEdgeMs { get; set; }

    public double? RttCloudMs { get; set; }

    /// <summary>Requests already running on the device when it asked.</summary>
    public int? LocalLoad { get; set; }

    /// <summary>The scenario's network condition the request was mapped to.</summary>
    public string? NetworkCondition { get; set; }

    /// <summary>Requests in flight on each of the scenario's servers (in scenario order) when the decision was made.</summary>
    public int[]? ServerLoads { get; set; }
}
