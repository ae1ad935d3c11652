namespace EdgeControl.Web.Devices;

/// <summary>Body of <c>POST /api/v1/devices</c>; both fields are nullable so a missing one is reported by name.</summary>
internal sealed record RegisterDeviceRequest(string? Name, string? Profile);
