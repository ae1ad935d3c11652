namespace EdgeControl.Web.Devices;

internal sealed record DeviceResponse(Guid Id, string Name, string Profile, string Status, DateTimeOffset? LastHeartbeatAt, DateTimeOffset CreatedAt);
