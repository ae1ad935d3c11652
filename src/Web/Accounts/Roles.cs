namespace EdgeControl.Web.Accounts;

/// <summary>Dashboard roles: an admin may retrain, register and revoke devices; an operator only watches.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Operator = "Operator";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator];
}
