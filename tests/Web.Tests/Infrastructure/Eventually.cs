using System.Runtime.CompilerServices;
using EdgeControl.Data;
using EdgeControl.Web.Training;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeControl.Web.Tests.Infrastructure;

/// <summary>
/// The one way tests wait for something that happens on another thread: poll a fact every <see cref="Interval"/>
/// until it holds, for at most <see cref="Patience"/>. A failure names what was awaited (the condition's source text)
/// and the last value observed. Wait for the fact that proves the system got there, never for a fixed time.
/// </summary>
internal static class Eventually
{
    /// <summary>How long any test waits for anything: generous, because the machine may be shared and busy.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>One query against <paramref name="app"/>'s database, in a scope of its own (not a wait).</summary>
    public static async Task<T> QueryAsync<T>(EdgeControlAppFactory app, Func<EdgeControlDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<EdgeControlDbContext>());
    }

    /// <summary>Polls <paramref name="observe"/> until its value satisfies <paramref name="until"/>, and returns that value.</summary>
    public static Task<T> ReachesAsync<T>(
        Func<Task<T>> observe,
        Func<T, bool> until,
        [CallerArgumentExpression(nameof(observe))] string? observed = null,
        [CallerArgumentExpression(nameof(until))] string? expected = null) =>
        PollAsync(observe, until, $"{observed} to satisfy {expected}");

    /// <inheritdoc cref="ReachesAsync{T}(Func{Task{T}}, Func{T, bool}, string?, string?)"/>
    public static Task<T> ReachesAsync<T>(
        Func<T> observe,
        Func<T, bool> until,
        [CallerArgumentExpression(nameof(observe))] string? observed = null,
        [CallerArgumentExpression(nameof(until))] string? expected = null)
    {
        ArgumentNullException.ThrowIfNull(observe);
        return PollAsync(() => Task.FromResult(observe()), until, $"{observed} to satisfy {expected}");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    public static Task HoldsAsync(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? awaited = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return PollAsync(() => Task.FromResult(condition()), holds => holds, awaited);
    }

    /// <inheritdoc cref="HoldsAsync(Func{bool}, string?)"/>
    public static Task HoldsAsync(Func<Task<bool>> condition, [CallerArgumentExpression(nameof(condition))] string? awaited = null) =>
        PollAsync(condition, holds => holds, awaited);

    /// <summary>
    /// Polls <paramref name="condition"/> on <paramref name="app"/>'s database until it holds; fails at once if the
    /// app's learning loop faults (it will never get there then). A failure says where the loop was.
    /// </summary>
    public static Task HoldsAsync(
        EdgeControlAppFactory app,
        Func<EdgeControlDbContext, Task<bool>> condition,
        [CallerArgumentExpression(nameof(condition))] string? awaited = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return HoldsWhileLearningAsync(app, () => QueryAsync(app, condition), awaited);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails at once if <paramref name="app"/>'s learning loop faults.</summary>
    public static Task HoldsAsync(
        EdgeControlAppFactory app,
        Func<bool> condition,
        [CallerArgumentExpression(nameof(condition))] string? awaited = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return HoldsWhileLearningAsync(app, () => Task.FromResult(condition()), awaited);
    }

    private static async Task HoldsWhileLearningAsync(EdgeControlAppFactory app, Func<Task<bool>> condition, string? awaited)
    {
        ArgumentNullException.ThrowIfNull(app);
        var orchestrator = app.Services.GetRequiredService<Orchestrator>();
        await PollAsync(
            async () => (Holds: await condition(), Orchestrator: orchestrator.Snapshot),
            seen =>
            {
                Assert.True(seen.Orchestrator.State != OrchestratorState.Faulted, $"the learning loop faulted while awaiting {awaited}: {seen.Orchestrator.Fault}");
                return seen.Holds;
            },
            awaited);
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> observe, Func<T, bool> until, string? awaited)
    {
        ArgumentNullException.ThrowIfNull(observe);
        ArgumentNullException.ThrowIfNull(until);
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await observe();
            if (until(value))
            {
                return value;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"not met within {Patience.TotalSeconds} s: {awaited}; last observed: {Describe(value)}");
            }

            await Task.Delay(Interval);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        System.Collections.IEnumerable items => $"[{string.Join(", ", items.Cast<object?>().Take(20))}]",
        _ => value.ToString() ?? "null",
    };
}
