namespace EdgeControl.Web.Accounts;

/// <summary>
/// Limits of the text an account takes, shared by the accounts API and the sign-in page. Both pass
/// <see cref="Api.TextField"/>: a control character or an unpaired surrogate in a password cannot be typed in the
/// dashboard, and Identity's hasher would turn a surrogate into U+FFFD (two different passwords hashing alike), so
/// it is refused rather than silently changed. Any other printable Unicode, spaces included, is allowed.
/// </summary>
internal static class AccountFields
{
    /// <summary>Identity's <c>AspNetUsers.UserName</c> column is <c>varchar(256)</c>.</summary>
    public const int MaxUserNameLength = 256;

    /// <summary>Far above any passphrase (NIST SP 800-63B asks for at least 64); PBKDF2 pre-hashes long keys anyway.</summary>
    public const int MaxPasswordLength = 1024;

    /// <summary>The roles are short words (<see cref="Roles.All"/>); a longer one names none of them.</summary>
    public const int MaxRoleLength = 64;
}
