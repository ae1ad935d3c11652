namespace EdgeControl.Web.Devices;

/// <summary>
/// Body of <c>POST /api/v1/devices</c>: the device's name, its hardware profile, and the users it hosts (scenario user
/// names such as <c>camera-1</c>; it gets decisions and reports outcomes for these only). Nullable so a missing field
/// is reported by name.
/// </summary>
internal sealed record RegisterDeviceRequest(string? Name, string? Profile, List<string?>? Users);
