using Microsoft.AspNetCore.Identity;

namespace EdgeControl.Web.Accounts.Passwords;

/// <summary>
/// The password rules of every dashboard account (NIST SP 800-63B's: length and a blocklist, no composition rules,
/// since a long passphrase beats "Passw0rd!"): at least <see cref="MinimumLength"/> characters, not containing the
/// user name, and not one of the <see cref="CommonPasswords"/>. Identity runs it when an account is created or its
/// password set; the first admin's configured password is checked against it at start (<see cref="AdminPasswordCheck"/>).
/// </summary>
internal sealed class PasswordPolicy : IPasswordValidator<IdentityUser>
{
    public const int MinimumLength = 12;

    /// <summary>
    /// A shorter user name is not looked for: "al" would forbid every password containing those two letters while
    /// keeping out nothing a guesser would try first.
    /// </summary>
    public const int ShortestUserNameLookedFor = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = Check(user.UserName, password ?? string.Empty);
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>What is wrong with <paramref name="password"/> for the account named <paramref name="userName"/>; empty when nothing.</summary>
    public static IReadOnlyList<IdentityError> Check(string? userName, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var errors = new List<IdentityError>();
        if (password.Length < MinimumLength)
        {
            errors.Add(new IdentityError
            {
                Code = nameof(IdentityErrorDescriber.PasswordTooShort),
                Description = $"Passwords must be at least {MinimumLength} characters.",
            });
        }

        if (userName is { Length: >= ShortestUserNameLookedFor } && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new IdentityError { Code = "PasswordContainsUserName", Description = "Passwords must not contain the user name." });
        }

        if (CommonPasswords.Contains(password))
        {
            errors.Add(new IdentityError
            {
                Code = "PasswordIsCommon",
                Description = "Passwords must not be on the list of common passwords that attackers try first.",
            });
        }

        return errors;
    }
}
