namespace EdgeControl.Cli.Tests;

/// <summary>A scenario file in its own temporary directory, removed on dispose.</summary>
internal sealed class TemporaryScenarioFile : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("edgecontrol-cli-tests-");

    public TemporaryScenarioFile(string json)
    {
        Path = System.IO.Path.Combine(_directory.FullName, "scenario.json");
        File.WriteAllText(Path, json);
    }

    public string Path { get; }

    public void Dispose() => _directory.Delete(recursive: true);
}
