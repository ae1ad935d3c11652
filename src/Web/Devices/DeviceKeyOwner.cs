namespace EdgeControl.Web.Devices;

/// <summary>The device an unrevoked API key belongs to, and the key's id.</summary>
internal sealed record DeviceKeyOwner(Guid NodeId, Guid KeyId);
