namespace EdgeControl.Web.Devices;

/// <summary>The answer to a registration: the only response that ever carries the API key.</summary>
internal sealed record RegisteredDeviceResponse(Guid Id, string Name, string Profile, IReadOnlyList<string> Users, string ApiKey);
