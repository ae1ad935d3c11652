namespace EdgeControl.Web.Accounts;

/// <summary>Body of <c>POST /api/v1/accounts</c>: a new dashboard account with one role.</summary>
internal sealed record CreateAccountRequest(string? UserName, string? Password, string? Role);
