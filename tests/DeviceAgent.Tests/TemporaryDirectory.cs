namespace EdgeControl.DeviceAgent.Tests;

/// <summary>A fresh directory per test, removed afterwards.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("edgecontrol-agent-test-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
