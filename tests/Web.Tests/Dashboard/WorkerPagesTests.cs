using System.Text.Json;
using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

[Collection(DashboardDefinition.Name)]
public sealed class WorkerPagesTests(DashboardFixture fixture)
{
    /// <summary>Longer than the pages' 5 s reload of stored nodes, with the machine's patience on top.</summary>
    private static readonly LocatorAssertionsToHaveCountOptions Reloaded = new() { Timeout = (float)Eventually.Patience.TotalMilliseconds };

    [Fact]
    public async Task A_worker_that_registers_or_goes_offline_while_the_pages_are_open_appears_on_them_without_a_reload()
    {
        await using var browser = await fixture.NewAdminPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/devices");
        await Assertions.Expect(page.Locator("h2#workers-heading")).ToBeVisibleAsync();
        await using var overviewBrowser = await fixture.NewAdminPageAsync();
        var overview = overviewBrowser.Page;
        await overview.GotoAsync("/");
        await Assertions.Expect(overview.Locator("svg.topology g[data-node='edge-1']")).ToHaveCountAsync(1, Reloaded);

        // As the worker hub stores one (the scenario's server edge-1 stands for edge-cpu).
        var id = Guid.NewGuid();
        var profile = new WorkerProfile(12.5, 2, [new VariantTiming("mobilenet_v1_1.0_224", 45.5)]);
        await Eventually.QueryAsync(fixture.App, db =>
        {
            db.Nodes.Add(new NodeEntity
            {
                Id = id,
                Name = "edge-1",
                Tier = NodeTiers.Edge,
                ProfileName = "edge-cpu",
                Url = "http://127.0.0.1:5101",
                Status = NodeStatuses.Online,
                LastHeartbeatAt = DateTimeOffset.UtcNow,
                MeasuredProfile = JsonSerializer.Serialize(profile, JsonSerializerOptions.Web),
                ProfiledAt = DateTimeOffset.UtcNow,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            return db.SaveChangesAsync();
        });

        try
        {
            var row = page.Locator("table.workers tr[data-worker='edge-1'][data-status='online']");
            await Assertions.Expect(row).ToHaveCountAsync(1, Reloaded);
            await Assertions.Expect(row.Locator("[data-figure='measured-gmacs']")).ToHaveTextAsync("12.5");
            await Assertions.Expect(row.Locator("[data-figure='published-gmacs']")).ToHaveTextAsync("25.0");
            await Assertions.Expect(overview.Locator("svg.topology g[data-node='edge-1'][data-worker-status='online']")).ToHaveCountAsync(1, Reloaded);

            await Eventually.QueryAsync(fixture.App, db => db.Nodes.Where(n => n.Id == id).ExecuteUpdateAsync(n => n.SetProperty(x => x.Status, NodeStatuses.Offline)));

            await Assertions.Expect(page.Locator("table.workers tr[data-worker='edge-1'][data-status='offline']")).ToHaveCountAsync(1, Reloaded);
            await Assertions.Expect(overview.Locator("svg.topology g.worker-down[data-node='edge-1'][data-worker-status='offline']")).ToHaveCountAsync(1, Reloaded);
            await Screenshots.SaveAsync(page, "devices-workers");
            Assert.Empty(browser.Errors);
            Assert.Empty(overviewBrowser.Errors);
        }
        finally
        {
            await Eventually.QueryAsync(fixture.App, db => db.Nodes.Where(n => n.Id == id).ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task The_users_page_shows_what_every_placement_of_the_latest_request_was_expected_to_cost()
    {
        await using var browser = await fixture.NewAdminPageAsync();
        var page = browser.Page;

        await page.GotoAsync("/users");

        // The fixture learns with DQN, which has no environment model: the figures are the twin's expectation.
        await Assertions.Expect(page.Locator("[data-what-if-summary]")).ToContainTextAsync("; chose ", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-prediction-source]")).ToHaveAttributeAsync("data-prediction-source", "TwinExpectation");
        await Assertions.Expect(page.Locator("table.what-if tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("table.what-if tr[data-chosen='true']")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "users-what-if");
        Assert.Empty(browser.Errors);
    }
}
