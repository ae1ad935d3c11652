using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Core.Tests;

/// <summary>scenarios/city-10k.json, loaded once for the whole test run.</summary>
internal static class CityScenario
{
    private static readonly Lazy<Scenario> LazyScenario = new(() => ScenarioLoader.Load(RepositoryFiles.ScenarioPath("city-10k")));

    public static Scenario Scenario => LazyScenario.Value;
}
