namespace EdgeControl.Data;

/// <summary>
/// One profile a worker reported (its start-up self-profile, then each in-service one), kept beside the latest on the
/// node (<see cref="NodeEntity.MeasuredProfile"/>) so that a request can be compared with the profile in force when
/// it was decided. Swept with the decision log it calibrates.
/// </summary>
public sealed class WorkerProfileEntity
{
    public long Id { get; set; }

    public Guid NodeId { get; set; }

    /// <summary>When the control plane received the report (its clock), as <see cref="NodeEntity.ProfiledAt"/>.</summary>
    public DateTimeOffset ReportedAt { get; set; }

    /// <summary>The Protocol's <c>WorkerProfile</c> as JSON, as in <see cref="NodeEntity.MeasuredProfile"/>.</summary>
    public required string Profile { get; set; }
}
