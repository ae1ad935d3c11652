namespace EdgeControl.Core.Tests;

/// <summary>Files of the repository the tests run from (found by walking up to EdgeControl.sln).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string ShippedScenarioPath => ScenarioPath("paper-mobilenet");

    /// <summary>The file of a scenario shipped in scenarios/, by its name.</summary>
    public static string ScenarioPath(string name) => Path.Combine(Root, "scenarios", name + ".json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeControl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"EdgeControl.sln not found above {AppContext.BaseDirectory}");
    }
}
