namespace EdgeControl.Data;

/// <summary>A compute node of the network (a user's device, an edge server or a cloud server) as stored.</summary>
public sealed class NodeEntity
{
    public const int MaxUrlLength = 512;

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

    /// <summary>For a worker (an edge or cloud node that runs inference): the base URL devices reach it at; null for devices.</summary>
    public string? Url { get; set; }

    /// <summary>For a worker: the key the control plane signs its worker tokens with (shared with the worker at registration).</summary>
    public byte[]? TokenKey { get; set; }

    /// <summary>For a worker: its self-profile as it reported it (the Protocol's <c>WorkerProfile</c> as JSON); null until reported.</summary>
    public string? MeasuredProfile { get; set; }

    /// <summary>When <see cref="MeasuredProfile"/> was reported.</summary>
    public DateTimeOffset? ProfiledAt { get; set; }
}
