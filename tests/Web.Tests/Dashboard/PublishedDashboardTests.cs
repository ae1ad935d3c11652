using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

/// <summary>
/// The dashboard of the published build in a real browser: run by scripts/check-published.sh, which publishes the app
/// as the Dockerfile does, starts it in Production and passes its address and admin password here; skipped otherwise.
/// </summary>
public sealed class PublishedDashboardTests
{
    /// <summary>The published app learns at its production pace (HL, 20 steps/s), on a machine that may be busy.</summary>
    private const float Patience = 90_000;

    [PublishedAppFact]
    public async Task Published_build_signs_in_through_the_form_and_draws_the_learning_curves_and_the_network()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = DashboardFixture.ChromiumArgs,
        });
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = PublishedApp.Address!.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        await using var browser = new BrowserPage(context, await context.NewPageAsync());
        browser.RecordErrors();
        var page = browser.Page;

        await page.GotoAsync("/learning");
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(PublishedApp.AdminPassword!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Learning", new() { Timeout = Patience });

        // The committed experiment's curves (results/ of the publish) come first, the current run's (TorchSharp) last.
        const string traces = "id => document.getElementById(id)?.data?.length ?? 0";
        const string currentRunPoints = "id => { const d = document.getElementById(id)?.data; return d?.[d.length - 1]?.x?.length ?? 0; }";
        await page.WaitForFunctionAsync($"() => ({traces})('learning-chart') >= 4 && ({currentRunPoints})('learning-chart') >= 1", null, new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("#learning-chart .main-svg").First).ToBeVisibleAsync(new() { Timeout = Patience });
        await Screenshots.SaveAsync(page, "published-learning");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("svg.topology g[data-node]").First).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-figure='score']")).Not.ToHaveTextAsync("—", new() { Timeout = Patience });
        await Screenshots.SaveAsync(page, "published-overview");

        Assert.Empty(browser.Errors);
    }
}
