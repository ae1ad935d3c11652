namespace EdgeControl.Core.Domain;

/// <summary>
/// How fast and how power-hungry a class of node is when it runs MobileNet-style inference.
/// </summary>
/// <param name="GigaMacsPerSecond">Effective throughput of one slot (MACs per second / 1e9), from measured latencies.</param>
/// <param name="Slots">Requests served at full speed at once; beyond that requests share the node (processor sharing).</param>
/// <param name="ActivePowerW">Board power while computing.</param>
/// <param name="IdlePowerW">Board power while idle or waiting.</param>
/// <param name="MeasuredMs">
/// Milliseconds of one forward pass per variant name, as measured on the node itself (a worker's self-profile), for the
/// variants it measured; null for published profiles. One throughput cannot describe every variant: small networks pay
/// a fixed cost per pass that MACs / throughput has no term for, so a measured time, where there is one, is used instead.
/// </param>
/// <param name="ServiceOverheadMs">
/// Milliseconds a server adds to every offloaded request beyond its compute: the HTTP exchange and its own request
/// handling (reading the body, building the input tensor, answering), which MACs / throughput has no term for. A worker
/// measures it at start by timing requests to itself (docs/workers.md); 0 (the default, and every published profile)
/// leaves the twin as it was. Not used for a device's own (local) inference.
/// </param>
public sealed record NodeProfile(
    string Name,
    Tier Tier,
    double GigaMacsPerSecond,
    int Slots,
    double ActivePowerW,
    double IdlePowerW,
    string Description,
    IReadOnlyDictionary<string, double>? MeasuredMs = null,
    double ServiceOverheadMs = 0);
