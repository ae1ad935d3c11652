namespace EdgeControl.Data;

/// <summary>A compute node of the network (a user's device, an edge server or a cloud server) as stored.</summary>
public sealed class NodeEntity
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>One of <see cref="NodeTiers"/>; a string so the table stays readable without Core's enum.</summary>
    public required string Tier { get; set; }

    /// <summary>Name of the hardware profile (throughput, power) in the scenario's catalog.</summary>
    public required string ProfileName { get; set; }

    public string Status { get; set; } = NodeStatuses.Unknown;

    /// <summary>Null until the node's agent has reported at least once.</summary>
    public DateTimeOffset? LastHeartbeatAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
