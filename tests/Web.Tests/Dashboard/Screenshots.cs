using EdgeControl.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

/// <summary>Full-page screenshots under the repository's TestResults/, where ./test.sh puts all test results, to look at.</summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var directory = Path.Combine(Repository.Root(), "TestResults", "dashboard");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }
}
