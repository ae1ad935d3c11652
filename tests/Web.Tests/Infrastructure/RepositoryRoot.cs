namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>The repository's root (the directory holding EdgeControl.sln), above the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>A directory under the repository's TestResults/, where ./test.sh puts all test results; created if missing.</summary>
    public static string TestResults(string name) =>
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "TestResults", name)).FullName;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "EdgeControl.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No EdgeControl.sln above {AppContext.BaseDirectory}.");
    }
}
