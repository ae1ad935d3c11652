using Microsoft.Playwright;

namespace EdgeControl.Web.Tests.Dashboard;

/// <summary>Full-page screenshots under the repository's TestResults/, where ./test.sh puts all test results, to look at.</summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var directory = Path.Combine(RepositoryRoot(), "TestResults", "dashboard");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EdgeControl.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No EdgeControl.sln above {AppContext.BaseDirectory}.");
    }
}
