namespace EdgeControl.Web.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class RealSocketAppDefinition : ICollectionFixture<RealSocketAppFixture>
{
    public const string Name = "App on a real socket";
}
