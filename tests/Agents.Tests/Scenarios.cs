using EdgeControl.Core.Evaluation;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Agents.Tests;

/// <summary>The shipped scenario files, found from the repository root, and small scenarios made for tests.</summary>
internal static class Scenarios
{
    /// <summary>
    /// A contextual bandit: one user on a slow device (rpi3) who needs 70% top-1, one idle edge
    /// server and one idle cloud server, requests one second apart (so nothing contends), and a
    /// network that flips between regular and weak. On a regular network the oracle offloads to
    /// the edge, on a weak one it computes locally: the best fixed tier scores about 0.77.
    /// </summary>
    public const string ContextualBanditJson = """
        {
          "name": "contextual-bandit", "seed": 1, "catalog": "mobilenet_v1", "measurementNoise": 0.01,
          "reward": { "energyReferenceJ": 0.5, "accuracyPenalty": 2 },
          "networkConditions": [
            { "name": "regular", "uplinkMbps": 20, "rttEdgeMs": 5, "rttCloudMs": 40 },
            { "name": "weak", "uplinkMbps": 2, "rttEdgeMs": 30, "rttCloudMs": 120 }
          ],
          "servers": [ { "name": "edge-1", "profile": "edge-cpu" }, { "name": "cloud-1", "profile": "cloud-gpu" } ],
          "users": [
            {
              "name": "camera", "device": "rpi3", "radio": "wifi",
              "accuracyRequirement": 0.7, "sloMs": 200, "energyWeight": 0.1, "arrivalRatePerSecond": 1,
              "network": {
                "initial": "regular",
                "transitions": { "regular": { "regular": 0.8, "weak": 0.2 }, "weak": { "weak": 0.6, "regular": 0.4 } }
              }
            }
          ],
          "evaluation": { "observations": 200, "seed": 3 }
        }
        """;

    /// <summary>A short closed-loop evaluation: the tests pin open-loop behaviour and need the closed-loop score only to exist.</summary>
    public static ClosedLoopOptions QuickClosedLoop { get; } = new ClosedLoopOptions(Seeds: 2, WarmUpRequests: 100, RequestsPerSeed: 400);

    private static readonly Lazy<Scenario> PaperScenario = new(() => Load("paper-mobilenet.json"));

    private static readonly Lazy<Scenario> BanditScenario = new(() => ScenarioLoader.Parse(ContextualBanditJson));

    public static Scenario Paper => PaperScenario.Value;

    public static Scenario ContextualBandit => BanditScenario.Value;

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
