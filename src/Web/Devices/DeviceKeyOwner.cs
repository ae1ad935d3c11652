namespace EdgeControl.Web.Devices;

/// <summary>The node (a device, or a worker: an edge or cloud node) an unrevoked API key belongs to, its tier, and the key's id.</summary>
internal sealed record DeviceKeyOwner(Guid NodeId, Guid KeyId, string Tier);
