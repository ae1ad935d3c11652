using EdgeControl.Protocol;

namespace EdgeControl.Worker.Api;

/// <summary>Who this worker is to a token: its node name, and the key the control plane signs its tokens with.</summary>
internal sealed class WorkerKey(RegisteredWorker identity)
{
    public string Name { get; } = identity.Name;

    public byte[] TokenKey { get; } = WorkerTokens.Decode(identity.TokenKey);
}
