using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

[Collection(DashboardDefinition.Name)]
public sealed class PageRenderTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData("/", "Overview")]
    [InlineData("/users", "Users")]
    [InlineData("/learning", "Learning")]
    [InlineData("/devices", "Devices")]
    [InlineData("/training", "Training")]
    public async Task Page_renders_live_without_console_errors(string path, string heading)
    {
        var (page, errors) = await fixture.NewPageAsync();

        var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        await Assertions.Expect(page.Locator("nav a.active")).ToHaveTextAsync(heading);
        // Interactive: the circuit is up (the page follows the run only through it).
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.WaitForTimeoutAsync(1500);
        await Screenshots.SaveAsync(page, "page-" + heading.ToLowerInvariant());
        Assert.Empty(errors);
    }
}
