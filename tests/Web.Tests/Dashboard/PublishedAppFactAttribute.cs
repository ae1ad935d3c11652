namespace EdgeControl.Web.Tests.Dashboard;

/// <summary>A test of the published build: skipped unless scripts/check-published.sh started one (<see cref="PublishedApp"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PublishedAppFactAttribute : FactAttribute
{
    public PublishedAppFactAttribute()
    {
        if (PublishedApp.Address is null)
        {
            Skip = $"runs under scripts/check-published.sh, which publishes and starts the app ({PublishedApp.AddressVariable})";
        }
    }
}
