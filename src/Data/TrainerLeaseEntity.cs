namespace EdgeControl.Data;

/// <summary>
/// Which control-plane instance trains (one row, <see cref="SingletonId"/>). An instance takes the lease when it has
/// expired (by the database's clock) and renews it well before <see cref="ExpiresAt"/>; every take-over increments
/// <see cref="Epoch"/>, the fencing token a trainer's writes are checked against, so a trainer that lost the lease
/// while partitioned cannot overwrite its successor's run.
/// </summary>
public sealed class TrainerLeaseEntity
{
    public const int SingletonId = 1;
    public const int MaxHolderLength = 128;

    public int Id { get; set; } = SingletonId;

    /// <summary>The holding instance's name (<c>Cluster:InstanceName</c>).</summary>
    public required string Holder { get; set; }

    public long Epoch { get; set; }

    public DateTimeOffset AcquiredAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
