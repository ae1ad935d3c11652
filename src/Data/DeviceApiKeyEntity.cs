namespace EdgeControl.Data;

/// <summary>
/// An API key a device authenticates with. Only the key's SHA-256 is stored: the key itself is shown once,
/// at registration, so a leaked database does not leak working keys.
/// </summary>
public sealed class DeviceApiKeyEntity
{
    public Guid Id { get; set; }

    public Guid NodeId { get; set; }

    /// <summary>SHA-256 of the key's UTF-8 bytes (32 bytes).</summary>
    public required byte[] KeyHash { get; set; }

    /// <summary>The key's first characters, so an operator can tell keys apart without holding them.</summary>
    public required string KeyPrefix { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null while the key is valid.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
