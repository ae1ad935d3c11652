namespace EdgeControl.Web.Tests.Fuzz;

[CollectionDefinition(Name)]
public sealed class FuzzDefinition : ICollectionFixture<FuzzAppFixture>
{
    public const string Name = "Fuzz";
}
