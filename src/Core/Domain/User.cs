namespace EdgeControl.Core.Domain;

/// <summary>One user: the device the requests start on, what the requests need, and how often they come.</summary>
/// <param name="AccuracyRequirement">Minimum top-1 accuracy (fraction) a request needs.</param>
/// <param name="EnergyWeight">How much device energy counts in the reward (battery pressure), >= 0.</param>
public sealed record User(
    string Name,
    NodeProfile Device,
    int DeviceClass,
    RadioProfile Radio,
    double AccuracyRequirement,
    double SloMs,
    double EnergyWeight,
    double ArrivalRatePerSecond,
    NetworkDynamics Network);
