using EdgeControl.Agents.Learning;
using EdgeControl.Core.Simulation;

namespace EdgeControl.Agents.Tests;

public sealed class ActionMaskTests
{
    private static readonly Observation Request = new EdgeCloudTwin(Scenarios.Paper).Reset(1);

    [Theory]
    [InlineData(0.6)]
    [InlineData(0.65)]
    [InlineData(0.7)]
    public void The_mask_allows_exactly_the_variants_that_meet_the_requirement_on_every_target(double requirement)
    {
        var mask = new ActionMask(Scenarios.Paper);
        var actions = new ActionSpace(Scenarios.Paper);

        var allowed = mask.Allowed(Request with { AccuracyRequirement = requirement });

        for (var a = 0; a < actions.Count; a++)
        {
            Assert.Equal(Scenarios.Paper.Catalog[actions.Decode(a).Variant].Top1 >= requirement, allowed[a]);
        }
    }

    [Fact]
    public void When_no_variant_meets_the_requirement_only_the_most_accurate_variant_is_allowed_on_every_target()
    {
        var mask = new ActionMask(Scenarios.Paper);
        var actions = new ActionSpace(Scenarios.Paper);
        var best = Scenarios.Paper.Catalog.Max(v => v.Top1);

        var allowed = mask.Allowed(Request with { AccuracyRequirement = best + 0.05 });

        var allowedVariants = Enumerable.Range(0, actions.Count).Where(a => allowed[a]).Select(a => actions.Decode(a)).ToList();
        Assert.Equal(actions.Targets, allowedVariants.Count);
        Assert.All(allowedVariants, action => Assert.Equal(best, Scenarios.Paper.Catalog[action.Variant].Top1));
    }

    [Fact]
    public void A_mask_switched_off_allows_everything()
    {
        var mask = new ActionMask(Scenarios.Paper, enabled: false);

        Assert.All(mask.Allowed(Request with { AccuracyRequirement = 0.7 }), Assert.True);
        Assert.True(mask.Restrict(Request).IsEmpty);
    }
}
