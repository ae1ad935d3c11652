namespace EdgeControl.Web.Tests.Dashboard;

[CollectionDefinition(Name)]
public sealed class DashboardDefinition : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard in a browser";
}
