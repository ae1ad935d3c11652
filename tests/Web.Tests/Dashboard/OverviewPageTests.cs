using EdgeControl.Web.Tests.Infrastructure;
using EdgeControl.Web.Topology;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

[Collection(DashboardDefinition.Name)]
public sealed class OverviewPageTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Overview_draws_every_node_and_link_of_the_scenario_and_where_each_user_runs()
    {
        var tracker = fixture.App.Services.GetRequiredService<TopologyTracker>();
        var snapshot = (await Eventually.ReachesAsync(tracker.Snapshot, s => s is not null && s.Users.All(u => u.Target is not null)))!;
        await using var browser = await fixture.NewAdminPageAsync();
        var page = browser.Page;

        await page.GotoAsync("/");

        var diagram = page.Locator("svg.topology");
        await Assertions.Expect(diagram.Locator("g[data-node]")).ToHaveCountAsync(snapshot.Nodes.Count);
        foreach (var node in snapshot.Nodes)
        {
            await Assertions.Expect(diagram.Locator($"g[data-node='{node.Name}'][data-tier='{node.Tier}']")).ToHaveCountAsync(1);
        }

        await Assertions.Expect(diagram.Locator("line.link")).ToHaveCountAsync(snapshot.Links.Count);
        foreach (var link in snapshot.Links)
        {
            await Assertions.Expect(diagram.Locator($"line.link[data-from='{link.From}'][data-to='{link.To}']")).ToHaveCountAsync(1);
        }

        // Every user has been placed, so none waits, and each user on a server has exactly one highlighted link.
        await Assertions.Expect(diagram.Locator(".runs-on-text", new() { HasText = "waiting" })).ToHaveCountAsync(0);
        foreach (var user in snapshot.Users)
        {
            await Assertions.Expect(diagram.Locator($"line.link-active[data-from='{user.Device}']")).ToHaveCountAsync(
                await diagram.Locator($"g[data-user='{user.User}'] .runs-on-text", new() { HasText = "runs on device" }).CountAsync() == 1 ? 0 : 1);
        }

        await Assertions.Expect(page.Locator("[data-figure='score']")).Not.ToHaveTextAsync("—");
        await Screenshots.SaveAsync(page, "overview");
        Assert.Empty(browser.Errors);
    }
}
