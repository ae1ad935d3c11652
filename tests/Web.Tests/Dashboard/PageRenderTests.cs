using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

[Collection(DashboardDefinition.Name)]
public sealed class PageRenderTests(DashboardFixture fixture)
{
    private static readonly string[] Pages = ["Overview", "Users", "Learning", "Devices", "Training"];

    [Fact]
    public async Task Every_page_renders_from_the_navigation_without_console_errors()
    {
        await using var browser = await fixture.NewAdminPageAsync();
        var page = browser.Page;
        var response = await page.GotoAsync("/");
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        // The framework script and the stylesheet are served (no CDN): the circuit comes up and the layout is styled.
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        // Retried: the circuit's first render may replace the prerendered header while it is read.
        await Assertions.Expect(page.Locator("header.top-bar")).ToHaveCSSAsync("background-color", "rgb(29, 39, 51)");
        // Pages with something to show: the run has evaluated its policy at least once.
        await Assertions.Expect(page.Locator("[data-figure='score']")).Not.ToHaveTextAsync("—", new() { Timeout = 30_000 });

        foreach (var heading in Pages)
        {
            await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = heading, Exact = true }).ClickAsync();

            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await Assertions.Expect(page.Locator("nav a.active")).ToHaveTextAsync(heading);
            if (await page.Locator("[id$='-chart']").CountAsync() > 0)
            {
                // plotly.js is served from Plotly.Blazor's static assets and draws every chart of the page.
                await Assertions.Expect(page.Locator("[id$='-chart'].js-plotly-plot")).ToHaveCountAsync(await page.Locator("[id$='-chart']").CountAsync());
            }

            await Screenshots.SaveAsync(page, "page-" + heading.ToLowerInvariant());
        }

        Assert.Empty(browser.Errors);
    }
}
