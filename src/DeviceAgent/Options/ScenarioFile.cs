using EdgeControl.Core.Domain;

namespace EdgeControl.DeviceAgent.Options;

/// <summary>A scenario loaded from a file. Shown by its path, which is what the help's default and the messages name.</summary>
internal sealed record ScenarioFile(string Path, Scenario Scenario)
{
    public override string ToString() => Path;
}
