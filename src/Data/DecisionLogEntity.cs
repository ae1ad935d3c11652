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

    public long Id { get; set; }

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
}
