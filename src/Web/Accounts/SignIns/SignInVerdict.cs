namespace EdgeControl.Web.Accounts.SignIns;

internal enum SignInVerdict
{
    SignedIn,
    WrongNameOrPassword,
    TooManyAttempts,

    /// <summary>
    /// The password was right, but the request carried another account's session: it was ended instead, because the
    /// cookie handler would otherwise renew that session's key for the new account, and a key someone else planted
    /// must never start speaking for this account.
    /// </summary>
    OtherAccountSignedOut,
}
