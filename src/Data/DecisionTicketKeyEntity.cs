namespace EdgeControl.Data;

/// <summary>
/// The secret the control plane signs decision tickets with (HMAC-SHA256). One row, created at the first start; in the
/// database rather than in memory so a ticket issued before a restart (or by another instance) still verifies.
/// </summary>
public sealed class DecisionTicketKeyEntity
{
    /// <summary>The only row's id.</summary>
    public const int CurrentId = 1;

    public const int KeyLength = 32;

    public int Id { get; set; }

    /// <summary><see cref="KeyLength"/> random bytes.</summary>
    public required byte[] Key { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
