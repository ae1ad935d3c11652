using EdgeControl.Core.Domain;
using EdgeControl.Core.Shifts;

namespace EdgeControl.Core.Tests;

/// <summary>Each environment shift changes what it says, and nothing else, in a scenario of the same shape.</summary>
public class EnvironmentShiftTests
{
    private static Scenario Shipped => ShippedScenario.Scenario;

    [Fact]
    public void Uplink_divided_by_ten_divides_every_network_conditions_uplink_and_keeps_everything_else()
    {
        var changed = Shift("uplink/10");

        Assert.Equal(Shipped.Conditions.Count, changed.Conditions.Count);
        foreach (var (before, after) in Shipped.Conditions.Zip(changed.Conditions))
        {
            Assert.Equal(before.UplinkMbps / 10, after.UplinkMbps, 12);
            Assert.Equal(before, after with { UplinkMbps = before.UplinkMbps });
        }

        Assert.Equal(Shipped, changed with { Conditions = Shipped.Conditions });
    }

    [Fact]
    public void Uplink_times_a_factor_multiplies_it()
    {
        var changed = Shift("uplink*2.5");

        Assert.Equal(Shipped.Conditions.Select(c => c.UplinkMbps * 2.5), changed.Conditions.Select(c => c.UplinkMbps));
    }

    [Fact]
    public void Background_of_a_server_times_three_changes_that_servers_background_load_only()
    {
        var changed = Shift("background:edge-1*3");

        var edge = Shipped.Servers[0];
        Assert.Equal("edge-1", edge.Name);
        Assert.Equal(edge.BackgroundLoad * 3, changed.Servers[0].BackgroundLoad, 12);
        Assert.Equal(edge, changed.Servers[0] with { BackgroundLoad = edge.BackgroundLoad });
        Assert.Same(Shipped.Servers[1], changed.Servers[1]);
        Assert.Equal(Shipped, changed with { Servers = Shipped.Servers });
    }

    [Fact]
    public void Removing_a_server_keeps_it_in_place_but_unreachable_and_changes_nothing_else()
    {
        var changed = Shift("remove:cloud-1");

        Assert.Equal(Shipped.Servers.Select(s => s.Name), changed.Servers.Select(s => s.Name));
        Assert.True(Shipped.Servers[1].Reachable);
        Assert.False(changed.Servers[1].Reachable);
        Assert.Equal(Shipped.Servers[1], changed.Servers[1] with { Reachable = true });
        Assert.Same(Shipped.Servers[0], changed.Servers[0]);
        Assert.Equal(Shipped, changed with { Servers = Shipped.Servers });
    }

    [Fact]
    public void Several_shifts_separated_by_commas_all_apply()
    {
        var changed = Shift("uplink/10,background:edge-1*3,remove:cloud-1");

        Assert.Equal(Shipped.Conditions[0].UplinkMbps / 10, changed.Conditions[0].UplinkMbps, 12);
        Assert.Equal(Shipped.Servers[0].BackgroundLoad * 3, changed.Servers[0].BackgroundLoad, 12);
        Assert.False(changed.Servers[1].Reachable);
    }

    [Fact]
    public void A_shift_leaves_the_scenario_it_was_applied_to_unchanged()
    {
        var uplinks = Shipped.Conditions.Select(c => c.UplinkMbps).ToList();
        var backgrounds = Shipped.Servers.Select(s => s.BackgroundLoad).ToList();

        Shift("uplink/10,background:edge-1*3,remove:cloud-1");

        Assert.Equal(uplinks, Shipped.Conditions.Select(c => c.UplinkMbps));
        Assert.Equal(backgrounds, Shipped.Servers.Select(s => s.BackgroundLoad));
        Assert.All(Shipped.Servers, s => Assert.True(s.Reachable));
    }

    [Theory]
    [InlineData("background:edge-9*3")]
    [InlineData("remove:cloud-2")]
    public void A_shift_of_a_server_the_scenario_lacks_names_it_and_the_servers_there_are(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Shift(text));

        Assert.Contains(text.Split(':')[1].Split('*')[0], error.Message, StringComparison.Ordinal);
        Assert.Contains("servers: edge-1, cloud-1", error.Message, StringComparison.Ordinal);
    }

    private static Scenario Shift(string text) => EnvironmentShift.ApplyAll(EnvironmentShiftParser.Parse(text), Shipped);
}
