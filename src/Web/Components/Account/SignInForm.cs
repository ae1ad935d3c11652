using System.ComponentModel.DataAnnotations;
using EdgeControl.Web.Accounts;

namespace EdgeControl.Web.Components.Account;

/// <summary>What the sign-in form posts.</summary>
public sealed class SignInForm
{
    [Required(ErrorMessage = "Enter your user name.")]
    [Display(Name = "User name")]
    [PlainText(AccountFields.MaxUserNameLength)]
    public string UserName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    [PlainText(AccountFields.MaxPasswordLength)]
    public string Password { get; set; } = string.Empty;
}
