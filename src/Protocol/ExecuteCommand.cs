namespace EdgeControl.Protocol;

/// <summary>
/// The control plane's decision for one request: run it on <paramref name="Target"/> (the device itself, an edge
/// or a cloud server) with model <paramref name="Variant"/>. <paramref name="Action"/> is echoed back with the outcome.
/// </summary>
public sealed record ExecuteCommand(string RequestId, string User, string Target, string TargetTier, string Variant, int Action);
