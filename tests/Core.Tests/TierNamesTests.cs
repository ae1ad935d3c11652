using EdgeControl.Core.Domain;
using EdgeControl.Core.Policies;

namespace EdgeControl.Core.Tests;

/// <summary>How tiers are written, in one place, and the policy names that follow from them.</summary>
public class TierNamesTests
{
    [Fact]
    public void Every_tier_has_a_lower_case_name_that_parses_back_to_it()
    {
        Assert.Equal(["device", "edge", "cloud"], TierNames.All);
        Assert.All(Enum.GetValues<Tier>(), tier =>
        {
            Assert.True(TierNames.TryParse(TierNames.Of(tier), out var parsed));
            Assert.Equal(tier, parsed);
        });
    }

    [Theory]
    [InlineData("Edge")]
    [InlineData("local")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_tier(string? name) => Assert.False(TierNames.TryParse(name, out _));

    [Fact]
    public void The_fixed_tier_policies_are_called_local_edge_and_cloud()
    {
        var scenario = TestScenarios.Valid();

        Assert.Equal(["oracle", "random", "local", "edge", "cloud", "greedy", "load-aware"], PolicyFactory.Names);
        Assert.Equal(["local", "edge", "cloud"], Enum.GetValues<Tier>().Select(t => PolicyFactory.Create(FixedTierPolicy.NameFor(t), scenario, 1).Name));
        Assert.Throws<ArgumentException>(() => PolicyFactory.Create("device", scenario, 1));
    }
}
