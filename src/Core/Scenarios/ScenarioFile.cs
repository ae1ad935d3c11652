using System.Diagnostics.CodeAnalysis;

namespace EdgeControl.Core.Scenarios;

// The JSON shape of a scenario file (docs/scenarios.md). Everything is nullable so the loader can
// name a missing field instead of silently taking a default.
[SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "JSON data transfer object")]
public sealed class ScenarioFile
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public int? Seed { get; set; }
    public string? Catalog { get; set; }
    public double? MeasurementNoise { get; set; }
    public RewardSection? Reward { get; set; }
    public NodeProfileSection[]? NodeProfiles { get; set; }
    public RadioSection[]? Radios { get; set; }
    public ConditionSection[]? NetworkConditions { get; set; }
    public ServerSection[]? Servers { get; set; }
    public UserSection[]? Users { get; set; }
    public EvaluationSection? Evaluation { get; set; }

    public sealed class RewardSection
    {
        public double? EnergyReferenceJ { get; set; }
        public double? AccuracyPenalty { get; set; }
    }

    public sealed class NodeProfileSection
    {
        public string? Name { get; set; }
        public string? Tier { get; set; }
        public double? GigaMacsPerSecond { get; set; }
        public int? Slots { get; set; }
        public double? ActivePowerW { get; set; }
        public double? IdlePowerW { get; set; }
        public double? ServiceOverheadMs { get; set; }
        public string? Description { get; set; }
    }

    public sealed class RadioSection
    {
        public string? Name { get; set; }
        public double? UplinkMilliwattsPerMbps { get; set; }
        public double? BaseMilliwatts { get; set; }
    }

    public sealed class ConditionSection
    {
        public string? Name { get; set; }
        public double? UplinkMbps { get; set; }
        public double? RttEdgeMs { get; set; }
        public double? RttCloudMs { get; set; }
    }

    public sealed class ServerSection
    {
        public string? Name { get; set; }
        public string? Profile { get; set; }
        public double? BackgroundLoad { get; set; }
    }

    public sealed class UserSection
    {
        public string? Name { get; set; }
        public int? Count { get; set; }
        public string? Device { get; set; }
        public string? Radio { get; set; }
        public double? AccuracyRequirement { get; set; }
        public double? SloMs { get; set; }
        public double? EnergyWeight { get; set; }
        public double? ArrivalRatePerSecond { get; set; }
        public NetworkSection? Network { get; set; }
    }

    public sealed class NetworkSection
    {
        public string? Initial { get; set; }
        public Dictionary<string, Dictionary<string, double>>? Transitions { get; set; }
        public TraceStep[]? Trace { get; set; }
    }

    public sealed class TraceStep
    {
        public string? Condition { get; set; }
        public double? Seconds { get; set; }
    }

    public sealed class EvaluationSection
    {
        public int? Observations { get; set; }
        public int? Seed { get; set; }
    }
}
