namespace EdgeControl.Web.Tests.Dashboard;

/// <summary>The published build scripts/check-published.sh started, given in the environment; null when none runs.</summary>
internal static class PublishedApp
{
    public const string AddressVariable = "EDGECONTROL_PUBLISHED_URL";
    public const string AdminPasswordVariable = "EDGECONTROL_PUBLISHED_ADMIN_PASSWORD";

    public static Uri? Address =>
        Environment.GetEnvironmentVariable(AddressVariable) is { Length: > 0 } address ? new Uri(address) : null;

    public static string? AdminPassword => Environment.GetEnvironmentVariable(AdminPasswordVariable);
}
