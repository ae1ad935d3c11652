using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Agents.Tests;

/// <summary>The shipped scenario files, found from the repository root.</summary>
internal static class Scenarios
{
    private static readonly Lazy<Scenario> PaperScenario = new(() => Load("paper-mobilenet.json"));

    public static Scenario Paper => PaperScenario.Value;

    public static Scenario Load(string fileName) => ScenarioLoader.Load(Path.Combine(RepositoryRoot(), "scenarios", fileName));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeControl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EdgeControl.sln not found above " + AppContext.BaseDirectory);
    }
}
