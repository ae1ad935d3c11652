using System.ComponentModel.DataAnnotations;
using EdgeControl.Web.Api;

namespace EdgeControl.Web.Components.Account;

/// <summary>
/// The form's side of <see cref="TextField"/>: a NUL typed or posted into the sign-in form is a validation message
/// on that field, not a PostgreSQL error (22021) surfacing as a 500. Empty is <see cref="RequiredAttribute"/>'s case.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class PlainTextAttribute(int maxLength) : ValidationAttribute
{
    public int MaxLength { get; } = maxLength;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string { Length: > 0 } text && TextField.Problem(text, MaxLength) is { } problem
            ? new ValidationResult(problem, validationContext.MemberName is { } member ? [member] : null)
            : ValidationResult.Success;
}
