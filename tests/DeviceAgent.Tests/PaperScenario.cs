using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;
using EdgeControl.DeviceAgent.Options;

namespace EdgeControl.DeviceAgent.Tests;

/// <summary>The repository's scenarios/paper-mobilenet.json, the agent's default.</summary>
internal static class PaperScenario
{
    public static Scenario Load() => ScenarioLoader.Load(DefaultScenario.Find() ?? throw new InvalidOperationException("scenarios/paper-mobilenet.json not found"));

    public static User User(string name) => Load().Users.Single(u => u.Name == name);

    /// <summary>The catalog's variant with the largest input (224 x 224: 150,528 bytes).</summary>
    public static ModelVariant LargestVariant() => Load().Catalog.MaxBy(v => v.InputBytes)!;
}
