namespace EdgeControl.Web.Accounts;

/// <summary>A dashboard account and its roles.</summary>
internal sealed record AccountResponse(string UserName, IReadOnlyList<string> Roles);
