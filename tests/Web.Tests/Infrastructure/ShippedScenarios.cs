using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>The paper-like scenario as shipped: servers edge-1 (edge-cpu) and cloud-1 (cloud-gpu), four users.</summary>
internal static class ShippedScenarios
{
    private static readonly Lazy<Scenario> PaperScenario = new(() => ScenarioLoader.Load(Path.Combine(RepositoryRoot.Path, "scenarios", "paper-mobilenet.json")));

    public static Scenario Paper => PaperScenario.Value;
}
