namespace EdgeControl.Web.Accounts;

/// <summary>Authorization policy names used by endpoints and dashboard pages.</summary>
public static class Policies
{
    /// <summary>Retraining, registering and revoking devices: the Admin role.</summary>
    public const string Admin = "Admin";

    /// <summary>Watching the dashboard: any signed-in account with a role (Admin or Operator).</summary>
    public const string Operator = "Operator";
}
