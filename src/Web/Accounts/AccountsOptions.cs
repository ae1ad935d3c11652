namespace EdgeControl.Web.Accounts;

/// <summary>The first admin account (section <c>Accounts</c>).</summary>
internal sealed class AccountsOptions
{
    public const string SectionName = "Accounts";

    public string AdminUserName { get; set; } = "admin";

    /// <summary>
    /// Password of the first admin, created when no admin exists. Empty: one is generated and printed once on the
    /// console. Ignored once an admin exists (change passwords through the accounts API instead).
    /// </summary>
    public string AdminPassword { get; set; } = string.Empty;
}
