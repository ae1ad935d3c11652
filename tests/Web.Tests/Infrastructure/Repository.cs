namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>The repository the tests run from (where test output and committed files live).</summary>
internal static class Repository
{
    public static string Root()
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
