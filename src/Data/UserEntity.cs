namespace EdgeControl.Data;

/// <summary>A user who sends inference requests from one device node, with their quality requirements.</summary>
public sealed class UserEntity
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public Guid DeviceNodeId { get; set; }

    public NodeEntity? DeviceNode { get; set; }

    /// <summary>Minimum top-1 accuracy the user accepts, as a fraction in [0, 1].</summary>
    public double AccuracyRequirement { get; set; }

    /// <summary>Latency service-level objective in milliseconds; the reward divides latency by it.</summary>
    public double LatencySloMs { get; set; }

    /// <summary>Weight w_E of device energy in the reward (higher when the battery matters more).</summary>
    public double EnergyWeight { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
