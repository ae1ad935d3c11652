using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace EdgeControl.Web.Accounts.SignIns;

/// <summary>
/// The one sign-in of the REST API and the dashboard's form: throttled (<see cref="SignInThrottle"/>), the same answer
/// and about the same work for an unknown name as for a wrong password (<see cref="UnknownAccountPassword"/>), no
/// lockout (anyone could trigger it), and a new server-side session on success.
/// </summary>
internal sealed class AccountSignIn(SignInManager<IdentityUser> signIn, SignInThrottle throttle, UnknownAccountPassword unknown)
{
    /// <summary>What <see cref="SignInManager{TUser}.PasswordSignInAsync(string, string, bool, bool)"/> records as the method.</summary>
    private static readonly Claim PasswordMethod = new("amr", "pwd");

    public async Task<SignInOutcome> SignInAsync(HttpContext http, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(http);
        var accounts = signIn.UserManager;
        if (throttle.Admit(http.Connection.RemoteIpAddress, accounts.NormalizeName(userName)) is { } refused)
        {
            return refused;
        }

        var account = await accounts.FindByNameAsync(userName);
        if (account is null)
        {
            unknown.Verify(accounts.PasswordHasher, password);
            return SignInOutcome.WrongNameOrPassword;
        }

        if (!(await signIn.CheckPasswordSignInAsync(account, password, lockoutOnFailure: false)).Succeeded)
        {
            return SignInOutcome.WrongNameOrPassword;
        }

        if (http.User.Identity?.IsAuthenticated == true && accounts.GetUserId(http.User) != account.Id)
        {
            await signIn.SignOutAsync();
            return SignInOutcome.OtherAccountSignedOut;
        }

        await signIn.SignInWithClaimsAsync(account, isPersistent: false, [PasswordMethod]);
        return SignInOutcome.SignedIn(account);
    }
}
