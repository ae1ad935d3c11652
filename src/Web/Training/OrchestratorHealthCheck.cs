using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdgeControl.Web.Training;

/// <summary>
/// Degraded when the learning loop has faulted: the app still serves, but nothing learns. An instance that follows
/// another's training (<see cref="OrchestratorState.Following"/>) is healthy; <c>trainer</c> names the instance it follows.
/// </summary>
internal sealed class OrchestratorHealthCheck(Orchestrator orchestrator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = orchestrator.Snapshot;
        var data = new Dictionary<string, object>
        {
            ["state"] = snapshot.State.ToString(),
            ["runId"] = snapshot.RunId?.ToString() ?? string.Empty,
            ["realInteractions"] = snapshot.RealInteractions,
            ["trainer"] = snapshot.Trainer ?? string.Empty,
        };
        return Task.FromResult(snapshot.State == OrchestratorState.Faulted
            ? HealthCheckResult.Degraded($"The learning loop faulted: {snapshot.Fault}", data: data)
            : HealthCheckResult.Healthy($"Orchestrator {snapshot.State}", data));
    }
}
