using System.Diagnostics.CodeAnalysis;

namespace EdgeControl.Core.Simulation;

/// <summary>
/// What the orchestrator sees when one request of one user is pending: the user's network,
/// the load of every node the request could go to, and what the request needs.
/// </summary>
/// <param name="User">Index of the user in the scenario.</param>
/// <param name="DeviceClass">Index of the user's device profile among the scenario's device classes.</param>
/// <param name="NetworkCondition">Index of the user's current network condition.</param>
/// <param name="LocalLoad">Requests of this user still running on its own device.</param>
/// <param name="ServerLoads">Requests in flight on each server (scenario order), background load included.</param>
/// <param name="TimeSeconds">Simulated time of the request's arrival.</param>
[SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "hot path; never mutated after construction")]
public sealed record Observation(
    int User,
    int DeviceClass,
    int NetworkCondition,
    double UplinkMbps,
    double RttEdgeMs,
    double RttCloudMs,
    int LocalLoad,
    int[] ServerLoads,
    double AccuracyRequirement,
    double SloMs,
    double EnergyWeight,
    double TimeSeconds);
