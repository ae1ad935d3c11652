namespace EdgeControl.Data;

/// <summary>
/// A signed-in dashboard session: the sign-in cookie holds only the session's key, this row holds who signed in, so
/// signing out (deleting the row) ends the session on the server even for a copy of the cookie. Only the key's
/// SHA-256 is stored, as for device keys: a leaked database or backup does not hold working session keys.
/// </summary>
public sealed class AccountSessionEntity
{
    /// <summary>SHA-256 of the session key (32 bytes).</summary>
    public required byte[] Id { get; set; }

    /// <summary>The dashboard account (<c>dashboard_accounts.Id</c>); deleting the account ends its sessions.</summary>
    public required string AccountId { get; set; }

    /// <summary>The serialized authentication ticket (claims and properties) the cookie used to carry.</summary>
    public required byte[] Ticket { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the ticket expires; past it the row is pruned.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
