namespace EdgeControl.Protocol;

/// <summary>
/// The control plane's decision for one request: run it on <paramref name="Target"/> (the device itself, an edge
/// or a cloud server) with model <paramref name="Variant"/>. <paramref name="Action"/> and <paramref name="Ticket"/>
/// are echoed back with the outcome: the ticket is the control plane's signature over this decision, issued to this
/// device, and an outcome without the ticket of a decision issued to its device is refused.
/// For a server target with a registered worker, <paramref name="WorkerUrl"/> is where the worker listens and
/// <paramref name="WorkerToken"/> authorises this device to run this request there, once (see <see cref="WorkerTokens"/>);
/// both are null when the server is only simulated.
/// </summary>
public sealed record ExecuteCommand(
    string RequestId,
    string User,
    string Target,
    string TargetTier,
    string Variant,
    int Action,
    string Ticket,
    string? WorkerUrl = null,
    string? WorkerToken = null);
