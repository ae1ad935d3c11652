namespace EdgeControl.Web.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class MigratedAppDefinition : ICollectionFixture<MigratedAppFixture>
{
    public const string Name = "Migrated app";
}
