namespace EdgeControl.Data;

/// <summary>Well-known values of <c>nodes.status</c>; free text in the database so new states need no migration.</summary>
public static class NodeStatuses
{
    public const string Unknown = "unknown";
    public const string Online = "online";
    public const string Offline = "offline";

    /// <summary>A device whose keys were revoked; it can no longer authenticate.</summary>
    public const string Revoked = "revoked";
}
