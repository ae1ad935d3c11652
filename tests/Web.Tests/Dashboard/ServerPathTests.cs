using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

/// <summary>
/// Operators see scenario names and folders within the results directory, never where the server keeps its files:
/// an absolute path tells an attacker the layout of the host (user names, install and checkout locations).
/// </summary>
[Collection(DashboardDefinition.Name)]
public sealed class ServerPathTests(DashboardFixture fixture)
{
    private static readonly string[] Pages = ["/", "/users", "/learning", "/devices", "/training"];

    private static readonly string[] ReadApi = ["/api/v1/training-runs", "/api/v1/topology", "/api/v1/devices", "/health/ready", "/health/training"];

    [Fact]
    public async Task No_dashboard_page_and_no_read_API_answer_shows_an_absolute_server_path()
    {
        await using var browser = await fixture.NewAdminPageAsync();
        var page = browser.Page;

        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("h1")).Not.ToBeEmptyAsync();
            if (path == "/learning")
            {
                // What used to show paths is on the page: the run's options and the committed experiment it compares with.
                await Assertions.Expect(page.Locator("dl.options")).ToContainTextAsync("paper-mobilenet", new() { Timeout = 30_000 });
                await Assertions.Expect(page.Locator("#baselines-heading + p")).ToContainTextAsync("paper-mobilenet/");
            }

            AssertNoServerPath(path, await page.ContentAsync());
        }

        foreach (var path in ReadApi)
        {
            AssertNoServerPath(path, await (await page.APIRequest.GetAsync(path)).TextAsync());
        }

        Assert.Empty(browser.Errors);
    }

    private void AssertNoServerPath(string where, string text)
    {
        var contentRoot = fixture.App.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
        foreach (var path in new[] { RepositoryRoot(), contentRoot, "/work/", "/tmp/", "/home/", "/root/", "/var/" })
        {
            Assert.False(text.Contains(path, StringComparison.Ordinal), $"{where} shows the server path '{path}'");
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EdgeControl.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("no EdgeControl.sln above the test assembly");
    }
}
