namespace EdgeControl.Web.Accounts;

/// <summary>The first admin account and how fast sign-ins are accepted (section <c>Accounts</c>).</summary>
internal sealed class AccountsOptions
{
    public const string SectionName = "Accounts";

    public string AdminUserName { get; set; } = "admin";

    /// <summary>
    /// Password of the first admin, created when no admin exists. Empty: one is generated and printed once on the
    /// console. Ignored once an admin exists (change passwords through the accounts API instead). It must meet the
    /// password policy (<see cref="Passwords.PasswordPolicy"/>), or the app does not start.
    /// </summary>
    public string AdminPassword { get; set; } = string.Empty;

    /// <summary>Sign-in attempts accepted from one client address per minute (<see cref="SignIns.SignInThrottle"/>).</summary>
    public int SignInsPerMinutePerClient { get; set; } = 10;

    /// <summary>Sign-in attempts accepted for one account name per minute, from all clients together.</summary>
    public int SignInsPerMinutePerName { get; set; } = 5;
}
