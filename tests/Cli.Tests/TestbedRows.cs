using EdgeControl.Cli.Testbed;
using EdgeControl.Core.Domain;
using EdgeControl.Core.Logging;
using EdgeControl.Core.Scenarios;

namespace EdgeControl.Cli.Tests;

/// <summary>scenarios/testbed.json and hand-made decision-log rows on it, for the testbed report's tests.</summary>
internal static class TestbedRows
{
    public const string Largest = "mobilenet_v1_1.0_224";

    public static string ScenarioPath { get; } = Path.Combine(EdgeControlProcess.RepositoryRoot, "scenarios", "testbed.json");

    public static Scenario TestbedScenario { get; } = ScenarioLoader.Load(ScenarioPath);

    public static DateTimeOffset Start { get; } = new(2026, 12, 6, 18, 0, 0, TimeSpan.Zero);

    /// <summary>camera-1 (SLO 150 ms, accuracy 0.68, energy weight 0.2) on its own device, with a full context.</summary>
    public static LoggedDecision Local(double seconds, double latencyMs, double? reward = null, string? servedBy = "learned", double probability = 1.0) =>
        new("camera-1", "camera-1-device", Largest, latencyMs, EnergyJ: 0.1, Accuracy: 0.709, reward, Start.AddSeconds(seconds),
            Action: 0, probability, servedBy, UplinkMbps: 50, RttEdgeMs: 1, RttCloudMs: 1, LocalLoad: 0, NetworkCondition: "good", ServerLoads: [0, 0]);

    /// <summary>camera-1 offloaded to edge-1 (action 16: target 1, variant 0) over a 50 Mbit/s uplink with a 1 ms RTT, idle servers.</summary>
    public static LoggedDecision Edge(double seconds, double latencyMs, double? reward = null, string? servedBy = "learned", double accuracy = 0.709) =>
        new("camera-1", "edge-1", Largest, latencyMs, EnergyJ: 0.3, accuracy, reward, Start.AddSeconds(seconds),
            Action: 16, 1.0, servedBy, UplinkMbps: 50, RttEdgeMs: 1, RttCloudMs: 1, LocalLoad: 0, NetworkCondition: "good", ServerLoads: [0, 0]);
}
