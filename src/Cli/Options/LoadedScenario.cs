using EdgeControl.Core.Domain;

namespace EdgeControl.Cli.Options;

/// <summary>A scenario loaded from the file named on the command line; shown by its path, as messages name it.</summary>
internal sealed record LoadedScenario(string Path, Scenario Scenario)
{
    public override string ToString() => Path;
}
