using EdgeControl.Data;
using EdgeControl.Web.Training;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>Database queries against a test app, and waiting for the learning loop to get somewhere.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    public static async Task<T> QueryAsync<T>(EdgeControlAppFactory app, Func<EdgeControlDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>());
    }

    /// <summary>Polls <paramref name="condition"/>; fails at once if the learning loop faults, or after <see cref="Patience"/>.</summary>
    public static async Task HoldsAsync(EdgeControlAppFactory app, Func<EdgeControlDbContext, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await QueryAsync(app, condition))
        {
            var snapshot = app.Services.GetRequiredService<Orchestrator>().Snapshot;
            Assert.True(snapshot.State != OrchestratorState.Faulted, $"the learning loop faulted: {snapshot.Fault}");
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {Patience.TotalSeconds} s; orchestrator: {snapshot}");
            await Task.Delay(200);
        }
    }
}
