namespace EdgeControl.Data;

/// <summary>
/// A user hosted by a device: named at the device's registration (a scenario user name such as <c>camera-1</c>) and
/// fixed from then on. A device gets decisions for, and reports outcomes of, its own users only. What a user requires
/// (accuracy, latency SLO, energy weight) comes from the running scenario, not from here.
/// </summary>
public sealed class HostedUserEntity
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public Guid DeviceNodeId { get; set; }

    public NodeEntity? DeviceNode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
