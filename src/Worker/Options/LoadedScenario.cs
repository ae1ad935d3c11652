using EdgeControl.Core.Domain;

namespace EdgeControl.Worker.Options;

/// <summary>A scenario loaded from a file, shown by its path (what the help's default and the messages name).</summary>
internal sealed record LoadedScenario(string Path, Scenario Scenario)
{
    public override string ToString() => Path;
}
