namespace EdgeControl.Web.Accounts;

/// <summary>Body of <c>POST /api/v1/accounts/sign-in</c>.</summary>
internal sealed record SignInRequest(string? UserName, string? Password);
