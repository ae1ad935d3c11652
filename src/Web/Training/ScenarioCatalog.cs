using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;
using Microsoft.Extensions.Options;

namespace EdgeControl.Web.Training;

/// <summary>The scenario files a new training run may use: the <c>*.json</c> files of <c>Orchestrator:ScenariosDirectory</c>, by name.</summary>
internal sealed class ScenarioCatalog(IOptions<OrchestratorOptions> options)
{
    public string Directory => options.Value.ScenariosDirectory;

    /// <summary>File names without extension, sorted.</summary>
    public IReadOnlyList<string> Names() =>
        System.IO.Directory.Exists(Directory)
            ? [.. System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The scenario's file path, or null when there is no such scenario (names are file names, never paths).</summary>
    public string? PathOf(string name) =>
        Names().Contains(name, StringComparer.Ordinal) ? Path.Combine(Directory, name + ".json") : null;

    /// <summary>Loads scenario <paramref name="name"/>; throws <see cref="ScenarioException"/> when its file is invalid.</summary>
    public Scenario Load(string name) =>
        LoadFile(PathOf(name) ?? throw new ArgumentException($"unknown scenario '{name}'", nameof(name)));

    /// <summary>
    /// <see cref="ScenarioLoader.Load"/>, except that a missing file is named without its directory: the message
    /// reaches the dashboard, /health/training and API answers (a run's fault, a 400), which show no server paths.
    /// </summary>
    public static Scenario LoadFile(string path) =>
        File.Exists(path)
            ? ScenarioLoader.Load(path)
            : throw new ScenarioException($"the scenario file '{Path.GetFileName(path)}' does not exist (any more)");
}
