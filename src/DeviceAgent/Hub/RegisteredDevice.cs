namespace EdgeControl.DeviceAgent.Hub;

/// <summary>A device the control plane knows, with the API key it connects with.</summary>
public sealed record RegisteredDevice(Guid Id, string Name, string ApiKey);
