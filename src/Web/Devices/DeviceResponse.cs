namespace EdgeControl.Web.Devices;

/// <summary>A registered device as <c>GET /api/v1/devices[/{id}]</c> shows it, with the users it hosts (by name).</summary>
internal sealed record DeviceResponse(
    Guid Id, string Name, string Profile, string Status, DateTimeOffset? LastHeartbeatAt, DateTimeOffset CreatedAt, IReadOnlyList<string> Users);
