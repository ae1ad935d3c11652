using Microsoft.AspNetCore.Identity;

namespace EdgeControl.Web.Accounts.SignIns;

/// <summary>What a sign-in came to, with the words the REST answer and the sign-in page both show.</summary>
internal sealed record SignInOutcome(SignInVerdict Verdict, string Message, IdentityUser? Account = null, int RetryAfterSeconds = 0)
{
    /// <summary>One message for an unknown name and a wrong password, so nobody learns which names exist.</summary>
    public static SignInOutcome WrongNameOrPassword { get; } =
        new(SignInVerdict.WrongNameOrPassword, "The user name or the password is wrong.");

    public static SignInOutcome OtherAccountSignedOut { get; } = new(
        SignInVerdict.OtherAccountSignedOut,
        "This browser or client was signed in as another account: that session has ended. Sign in again.");

    public static SignInOutcome SignedIn(IdentityUser account) => new(SignInVerdict.SignedIn, "Signed in.", account);

    public static SignInOutcome TooManyAttempts(int retryAfterSeconds, string message) =>
        new(SignInVerdict.TooManyAttempts, message, RetryAfterSeconds: retryAfterSeconds);
}
