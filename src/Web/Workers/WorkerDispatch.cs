using EdgeControl.Data;
using EdgeControl.Protocol;
using EdgeControl.Web.Decisions;

namespace EdgeControl.Web.Workers;

/// <summary>
/// What a decision for a server with a registered worker carries besides the placement: the worker's URL and a worker
/// token for exactly this request of this device, variant and worker, valid for <see cref="WorkerContract.TokenLifetime"/>,
/// signed with that worker's own key. A placement on the device, or on a server without a worker (simulated), gets none.
/// </summary>
internal sealed class WorkerDispatch(WorkerRegistry registry, TimeProvider clock)
{
    public (string? Url, string? Token) For(Guid device, PlacementDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.TargetTier == NodeTiers.Device || registry.Named(decision.Target) is not { Revoked: false } worker)
        {
            return (null, null);
        }

        var claims = new WorkerTokenClaims(decision.RequestId, device.ToString("D"), worker.Name, decision.Variant, clock.GetUtcNow() + WorkerContract.TokenLifetime);
        return (worker.Url, WorkerTokens.Issue(worker.TokenKey, claims));
    }
}
