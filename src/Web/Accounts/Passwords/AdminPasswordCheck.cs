using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Accounts.Passwords;

/// <summary>
/// A configured first-admin password must meet the <see cref="PasswordPolicy"/>: checked at start (not only when the
/// admin is created), so a weak one stops start-up with one sentence naming the setting and what is wrong.
/// </summary>
internal sealed class AdminPasswordCheck : IValidateOptions<AccountsOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AdminPassword.Length == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = PasswordPolicy.Check(options.AdminUserName, options.AdminPassword);
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Accounts:AdminPassword does not meet the password policy ({string.Join("; ", errors.Select(Clause))}): " +
                "choose another, or leave it empty to have one generated.");
    }

    /// <summary>"Passwords must not contain the user name." as a clause of the one sentence: "passwords must not contain the user name".</summary>
    private static string Clause(IdentityError error) =>
        char.ToLowerInvariant(error.Description[0]) + error.Description[1..].TrimEnd('.');
}
