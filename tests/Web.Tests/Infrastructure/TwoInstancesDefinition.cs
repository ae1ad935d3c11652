namespace EdgeControl.Web.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class TwoInstancesDefinition : ICollectionFixture<TwoInstancesFixture>
{
    public const string Name = "Two instances on one database and one Redis";
}
